import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedFixtures } from '../src/index.ts';
import { extractSeedBodies, extractSeedFragments, seedPath } from './seedBodies.ts';

// The fixtures are copies of the vendor page's real bodies; this proves they still say what the page says.
const fixtures = seedFixtures();
const FRAGMENTS_FIXTURE = 'fragments-streak-and-achieved-target.json';
const seedPresent = existsSync(seedPath);
const seedText = seedPresent ? readFileSync(seedPath, 'utf8') : '';
const readFixture = (name: string) => fixtures.find((f) => f.file === name)?.text;
const TITLE = 'seed fixtures match the vendor page';

// A skipped run says why in its title; a run that runs does not say "skipped".
describe.skipIf(!seedPresent)(seedPresent ? TITLE : `${TITLE} (skipped: seed not found at ${seedPath})`, () => {
  const bodies = extractSeedBodies(seedText);

  it('is titled as what it does (it runs: the seed is there)', ({ task }) => {
    expect(task.suite?.name).toBe(TITLE);
  });

  it('finds the five complete bodies of the page', () => {
    expect(bodies.map((b) => b.userId).sort((a, b) => a - b)).toEqual([
      64035151, 387035386, 387043873, 547528790, 566881933,
    ]);
  });

  it('has exactly one fixture per complete body, plus the fragments body', () => {
    const expected = [...bodies.map((b) => `${b.userId}.json`), FRAGMENTS_FIXTURE].sort();
    expect(fixtures.map((f) => f.file)).toEqual(expected);
  });

  for (const userId of [566881933, 64035151, 547528790, 387043873, 387035386]) {
    it(`fixture ${userId}.json is the page's body, character for character`, () => {
      const body = bodies.find((b) => b.userId === userId);
      expect(body, `no body for userId ${userId} in the seed`).toBeDefined();
      expect(readFixture(`${userId}.json`)).toBe(`${body!.text}\n`);
    });
  }

  it("the fragments body carries the page's two fragments unchanged, with streaks on the target group", () => {
    const fragments = extractSeedFragments(seedText);
    const body = JSON.parse(readFixture(FRAGMENTS_FIXTURE)!);
    const groups = body.data.targetGroups as Array<Record<string, unknown>>;
    const group = groups.find((g) => Array.isArray(g.streaks));
    expect(group, 'no target group with a streaks array').toBeDefined();
    expect(group!.streaks).toEqual(fragments.streaks);
    expect(group!.targets).toContainEqual(fragments.achievedTarget);
    expect(fragments.achievedTarget.targetAchievedDateTime).toEqual(expect.any(String));
    expect((fragments.streaks[0] as Record<string, unknown>).streakAchievedDateTime).toEqual(expect.any(String));
  });
});

describe('seed fixture files', () => {
  it('are all well-formed JSON envelopes', () => {
    expect(fixtures.length).toBe(6);
    for (const { file, value } of fixtures) {
      expect(Object.keys(value as object).sort(), file).toEqual(['data', 'errors', 'warnings']);
    }
  });
});
