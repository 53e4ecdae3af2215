// Bodies that Prism generates from the schemas (`prism mock --dynamic --seed N`) pass the contract check: what a
// consumer's test sees from the dynamic mock is something the real API may send.
//
// Starting Prism costs seconds of CPU, so a few seeds are run as separate `--dynamic --seed N` processes and shown
// to generate exactly what one dynamic process generates for `Prefer: seed=N`; the sweep over many seeds then
// uses that header on one process.
import { startMock, type PrismServer } from '@target-groups/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC, errorsOf, validator } from './support/helpers.js';
import { examples, pathFor, statuses } from './support/spec.js';
const CLI_SEEDS = [1000, 1037, 1074];
const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 37);

let dynamic: PrismServer;
const seeded = new Map<number, PrismServer>();

beforeAll(async () => {
  const started = await Promise.allSettled([
    startMock({ dynamic: true }),
    ...CLI_SEEDS.map((seed) => startMock({ dynamic: true, seed })),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed) {
    await Promise.all(servers.map((m) => m.close()));
    throw (failed as PromiseRejectedResult).reason;
  }
  dynamic = servers[0]!;
  for (const [i, seed] of CLI_SEEDS.entries()) seeded.set(seed, servers[i + 1]!);
}, 120_000);

afterAll(async () => {
  await Promise.all([dynamic, ...seeded.values()].filter(Boolean).map((m) => m.close()));
});

async function generate(mock: PrismServer, prefer?: string) {
  const headers: Record<string, string> = { authorization: BASIC };
  if (prefer) headers.prefer = prefer;
  const res = await fetch(`${mock.url}${pathFor(566881933)}`, { headers });
  return { status: res.status, text: await res.text() };
}

function errorReport(text: string, status: number): string {
  return errorsOf(validator.validate(JSON.parse(text) as unknown, status))
    .map((v) => `${v.pointer}: ${v.message}`)
    .join('\n');
}

describe('prism mock --dynamic --seed N', () => {
  it.each(CLI_SEEDS.map((s) => [s]))(
    'seed %i: a separate --seed process generates what Prefer: seed= generates on a shared one',
    async (seed) => {
      const fromCli = await generate(seeded.get(seed)!);
      const fromHeader = await generate(dynamic, `seed=${seed}`);
      expect(fromCli.status).toBe(200);
      expect(fromCli.text).toBe(fromHeader.text);
      expect(errorReport(fromCli.text, 200)).toBe('');
      // Deterministic: the same seed again gives the same body.
      expect((await generate(seeded.get(seed)!)).text).toBe(fromCli.text);
    },
  );
});

describe(`dynamic bodies, ${SEEDS.length} seeds`, () => {
  it.each(SEEDS.map((s) => [s]))('seed %i: the generated 200 body passes the check with no errors', async (seed) => {
    const { status, text } = await generate(dynamic, `seed=${seed}`);
    expect(status).toBe(200);
    expect(errorReport(text, 200)).toBe('');
  });

  it('the bodies really are generated: they differ by seed and are none of the named examples', async () => {
    const texts = await Promise.all(SEEDS.map(async (seed) => (await generate(dynamic, `seed=${seed}`)).text));
    expect(new Set(texts).size).toBeGreaterThan(SEEDS.length / 2);
    const exampleBodies = new Set(examples.map((e) => JSON.stringify(e.value)));
    for (const text of texts) expect(exampleBodies.has(JSON.stringify(JSON.parse(text)))).toBe(false);
    // The schema allows `data: null`; the sweep must still exercise full bodies with target groups.
    const full = texts.filter((t) => {
      const body = JSON.parse(t) as { data: { targetGroups?: unknown[] } | null };
      return (body.data?.targetGroups?.length ?? 0) > 0;
    });
    expect(full.length).toBeGreaterThanOrEqual(SEEDS.length / 5);
  });

  const errorStatuses = statuses.filter((s) => s >= 400);
  it.each(errorStatuses.map((s) => [s]))('generated %i bodies pass the check', async (status) => {
    for (const seed of SEEDS.slice(0, 10)) {
      const answer = await generate(dynamic, `code=${status}, seed=${seed}`);
      expect(answer.status).toBe(status);
      expect(errorReport(answer.text, status), `seed ${seed}`).toBe('');
    }
  });
});
