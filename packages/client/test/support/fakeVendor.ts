// The fake vendor (the scenario engine's HTTP face, answering with each test's own handler) and the credentials the
// client tests use, and the check that no error and no request URL ever held one of them: each test file against the
// fake vendor provokes errors and ends with that check.
import { createHash, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type ScenarioServer, startScenarioServer } from '@target-groups/mock/scenarios';
import { seedFixtures } from '@target-groups/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type TargetGroupsApiError,
  type TargetGroupsClientOptions,
  createTargetGroupsClient,
} from '../../src/index.js';
import { failure as rejection } from './failure.js';

// Credentials that must never show up in anything the client throws or sends in a URL.
export const PASSWORD = 'pw-Secret-7f3a9c';
export const PASSWORD_MD5 = createHash('md5').update(PASSWORD).digest('hex');
export const BASIC = `Basic ${Buffer.from(`store.till:${PASSWORD_MD5}`).toString('base64')}`;
export const OAUTH_KEY = 'key-Secret-91b2';
export const OAUTH_SECRET = 'secret-Secret-c4d5e6';
export const TOKEN_PREFIX = 'tok-Secret-';
export const READY_TOKEN = 'ready-Secret-0a1b2c';
const SECRETS = [PASSWORD, PASSWORD_MD5, BASIC.slice(6), OAUTH_SECRET, OAUTH_KEY, TOKEN_PREFIX, READY_TOKEN];

const seed = seedFixtures().find((s) => s.file === '566881933.json');
if (!seed) throw new Error('seed body 566881933.json is missing from spec/fixtures/seed');
export const OK_BODY = seed.text;
export const OK_VALUE = seed.value;

/** Writes a whole answer of a test's handler: a JSON value, or a string as is, with its length and a request id. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'X-Cap-Requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/**
 * A fake vendor for the file's tests, a Basic-auth client for it, `failure()` and `thrown()`, which keep every error,
 * and `credentialsNeverLeak()`, the check of those errors and of every request URL, to call at the end of the file
 * (`minimum`: the errors it must have seen, the requests made).
 */
export function vendorSuite(minimum: { errors: number; requests: number }) {
  const suite = { server: undefined as unknown as ScenarioServer };
  const provoked: TargetGroupsApiError[] = [];
  beforeAll(async () => {
    suite.server = await startScenarioServer();
  });
  afterAll(async () => {
    await suite.server.close();
  });

  const basicClient = (extra: Partial<TargetGroupsClientOptions> = {}) =>
    createTargetGroupsClient({
      baseUrl: suite.server.url,
      auth: { type: 'basic', username: 'store.till', password: PASSWORD },
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2000 },
      ...extra,
    } as TargetGroupsClientOptions);

  /** The error the promise rejects with (a TargetGroupsApiError), kept for the credential check. */
  const failure = async (promise: Promise<unknown>): Promise<TargetGroupsApiError> => {
    const error = await rejection(promise);
    provoked.push(error);
    return error;
  };

  /** An error thrown synchronously (by createTargetGroupsClient), kept for the credential check. */
  const thrown = (create: () => unknown): TargetGroupsApiError => {
    try {
      create();
    } catch (error) {
      provoked.push(error as TargetGroupsApiError);
      return error as TargetGroupsApiError;
    }
    throw new Error('expected createTargetGroupsClient to throw');
  };

  const credentialsNeverLeak = () =>
    describe('credentials never leak', () => {
      test('no provoked error holds a credential in its message, fields, JSON, stack or cause', () => {
        expect(provoked.length).toBeGreaterThanOrEqual(minimum.errors);
        for (const e of provoked) {
          const views = [
            e.message,
            e.stack ?? '',
            JSON.stringify(e),
            JSON.stringify(
              Object.getOwnPropertyNames(e).map((k) => String((e as unknown as Record<string, unknown>)[k])),
            ),
            String(e.cause ?? ''),
            (e.cause as Error | undefined)?.stack ?? '',
            JSON.stringify(e.cause ?? null),
            String(((e.cause as { cause?: unknown } | undefined)?.cause as Error | undefined)?.message ?? ''),
          ];
          for (const view of views)
            for (const secret of SECRETS) expect(view, `${e.kind}: ${e.message}`).not.toContain(secret);
        }
      });

      test('no request URL held a credential', () => {
        expect(suite.server.requests.length).toBeGreaterThanOrEqual(minimum.requests);
        for (const request of suite.server.requests)
          for (const secret of SECRETS) expect(request.path).not.toContain(secret);
      });
    });

  return { suite, basicClient, failure, thrown, credentialsNeverLeak };
}
