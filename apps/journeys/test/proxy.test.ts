// `prism proxy --errors` in front of a fake vendor (the scenario engine's HTTP face with its drifts, serving the seed's
// real bodies and drifted copies of them): real traffic passes untouched, drifted bodies are flagged.
import { createHash } from 'node:crypto';
import { startProxy, type PrismServer } from '@target-groups/mock';
import {
  DRIFTS,
  exampleUserIds as SEED_USER_IDS,
  type ScenarioServer,
  startScenarioServer,
} from '@target-groups/mock/scenarios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slViolations, type SlViolation } from './support/helpers.js';
import { pathFor } from './support/spec.js';

let vendor: ScenarioServer;
let strict: PrismServer;
let reporting: PrismServer;
let basic: string;

beforeAll(async () => {
  const [username, password] = ['proxy.till', 'proxy-pw'];
  vendor = await startScenarioServer({ credentials: { username, password, key: 'k', secret: 's' }, drifts: true });
  basic = `Basic ${Buffer.from(`${username}:${createHash('md5').update(password).digest('hex')}`).toString('base64')}`;
  [strict, reporting] = await Promise.all([
    startProxy(vendor.url, { errors: true }),
    startProxy(vendor.url, { errors: false }),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([strict?.close(), reporting?.close(), vendor?.close()]);
});

async function through(
  server: { url: string },
  userId: string | number,
  headers: Record<string, string> = { authorization: basic },
) {
  const res = await fetch(`${server.url}${pathFor(userId)}`, { headers });
  return { res, text: await res.text() };
}

/** Prism's location of a response body violation as a JSON pointer into the body. */
function bodyPointer(v: SlViolation): string | undefined {
  const [where, part, ...rest] = v.location;
  return where === 'response' && part === 'body' ? `/${rest.join('/')}` : undefined;
}

describe('prism proxy --errors in front of the fake vendor', () => {
  it('the fake vendor serves the seed bodies it is known for', () => {
    expect(SEED_USER_IDS.length).toBeGreaterThanOrEqual(3);
    expect(DRIFTS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(SEED_USER_IDS.map((id) => [id]))('real body of user %s passes through unchanged', async (userId) => {
    const direct = await through(vendor, userId);
    const proxied = await through(strict, userId);
    expect(proxied.res.status).toBe(200);
    expect(slViolations(proxied.res)).toEqual([]);
    expect(JSON.parse(proxied.text)).toEqual(JSON.parse(direct.text));
  });

  // Prism validates with plain JSON Schema: a type change, a dropped required field, an unexpected null or a
  // timestamp that breaks its pattern are violations, and so is an unknown enum value (Prism does not know
  // x-extensible-enum; the contract check reports it as a warning). An undocumented field is not: the response
  // schemas stay open because the vendor adds fields.
  const flaggedByPrism = DRIFTS.filter((d) => d.kind !== 'undocumented-field');
  it.each(flaggedByPrism.map((d) => [`${d.kind} (${d.description})`, d] as const))(
    'drift is flagged: %s',
    async (_label, drift) => {
      const { res, text } = await through(strict, drift.userId);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      const problem = JSON.parse(text) as { type: string; validation: SlViolation[] };
      expect(problem.type).toMatch(/VIOLATIONS$/);
      const pointers = slViolations(res)
        .filter((v) => v.severity === 'Error')
        .map(bodyPointer);
      // A dropped property is reported at its parent object (`required`); everything else at the property itself.
      const expected = drift.kind === 'required-dropped' ? drift.pointer.replace(/\/[^/]+$/, '') : drift.pointer;
      expect(pointers).toContain(expected);
      expect(problem.validation.map(bodyPointer)).toContain(expected);
    },
  );

  it.each(DRIFTS.filter((d) => d.kind === 'undocumented-field').map((d) => [d.description, d] as const))(
    'an undocumented field passes Prism (open schemas; the contract check warns): %s',
    async (_label, drift) => {
      const { res, text } = await through(strict, drift.userId);
      expect(res.status).toBe(200);
      const leaf = drift.pointer.split('/').at(-1)!;
      expect(text).toContain(`"${leaf}"`);
    },
  );

  it('without --errors the drifted body is passed on and the violation is reported in sl-violations', async () => {
    const drift = flaggedByPrism[0]!;
    const direct = await through(vendor, drift.userId);
    const { res, text } = await through(reporting, drift.userId);
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toEqual(JSON.parse(direct.text));
    expect(slViolations(res).length).toBeGreaterThan(0);
  });

  it("an invalid request is refused with Prism's 422 before it reaches the upstream", async () => {
    const before = vendor.requests.length;
    const { res, text } = await through(strict, 'abc');
    // In proxy mode Prism does not serve the spec's 400 example: it answers with its own problem document.
    expect(res.status).toBe(422);
    const problem = JSON.parse(text) as { validation: SlViolation[] };
    expect(problem.validation.map((v) => v.location.join('.').toLowerCase())).toContain('path.userid');
    expect(vendor.requests.length).toBe(before);
  });
});
