// The inputs a journey's reader brings along (a day's capture, a HAR), made from the seed's real bodies.
import { seedFixtures } from '@target-groups/spec';

type Json = Record<string, any>;

export function seedBody(userId: number): Json {
  const found = seedFixtures().find((fixture) => fixture.userId === userId);
  if (!found) throw new Error(`no seed body for user ${userId}`);
  return structuredClone(found.value) as Json;
}

/** User 64035151's body with two drifts: a field the contract says is never null is null, and a new property. */
export function driftedBody(): Json {
  const body = seedBody(64035151);
  body.data.targetGroups[0].targets[0].eventName = null;
  body.data.targetGroups[0].targets[0].reward = { points: 250 };
  return body;
}

/** Every seed body the contract describes as it is, one per line. */
export const validCapture = () =>
  `${seedFixtures()
    .filter((fixture) => fixture.userId !== undefined)
    .map((fixture) => JSON.stringify(fixture.value))
    .join('\n')}\n`;

/** A HAR of a browser session: the operation's answers for the seed users, and a call to something else. */
export function harCapture(): string {
  const entry = (url: string, text: string) => ({
    startedDateTime: '2026-11-26T10:00:00.000Z',
    time: 120,
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      cookies: [],
      content: { size: text.length, mimeType: 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 120, receive: 0 },
  });
  const entries = seedFixtures()
    .filter((fixture) => fixture.userId !== undefined)
    .map((fixture) => entry(`https://eu.api.capillarytech.com/v3/users/${fixture.userId}/targetGroups`, fixture.text));
  entries.push(entry('https://eu.api.capillarytech.com/v2/customers/lookup', '{"ok":true}'));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'browser', version: '1' }, entries } });
}

/**
 * The fake vendor's one account: the spec's example till (`store.till`, password `secret`, the README's TILL_PASSWORD),
 * and an OAuth key pair (CAP_KEY, CAP_SECRET).
 */
export const VENDOR_ACCOUNT = {
  username: 'store.till',
  password: 'secret',
  key: 'journey-key',
  secret: 'journey-secret',
};
