// propose counts its evidence as check counts its groups: each body once per place. A change that fixes one place
// of check's report is seen in as many bodies as that group; one that fixes several places (a component used in
// more than one spot) in the bodies of any of them. And a free-form map (`additionalProperties` with a schema that
// says nothing of its values' shape) is evidence, not a contract: nothing is proposed inside it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { runCommand } from './diffSupport.js';
import type { JsonReport } from './helpers.js';
import { type Json, propose, proposeJson, type ProposeJson, schemasIn, seed, workspace } from './proposeSupport.js';

const EVALUATION_TYPES = ['PAUSED', 'BADGES', 'TIERED'];

function bodies(): Json[] {
  return Array.from({ length: 12 }, (_, i) => {
    const body = seed();
    const group = body.data.targetGroups[0];
    const { createdBy, lastUpdatedBy } = group.attribution;
    if (i % 2 === 0) group.targetEvaluationType = EVALUATION_TYPES[(i / 2) % 3];
    if (i % 3 === 0) createdBy.type = 'SYSTEM_USER';
    if (i % 4 === 1) lastUpdatedBy.type = 'ROBOT';
    if (i % 5 === 0) createdBy.tier = 'GOLD';
    if (i % 5 === 2) lastUpdatedBy.tier = 'SILVER';
    // Values of the free-form maps: a custom field holding an object, a channel's attributes.
    if (i % 2 === 1) body.data.customer.customFields = { loyaltyCard: { channel: 'app', tier: 2 } };
    if (i % 3 === 1) body.data.customer.profiles[0].commChannels[0].attributes = { optIn: { sms: true } };
    return body;
  });
}

describe('propose: evidence counted as check counts it', () => {
  const { dir, spec, input, before } = workspace(bodies());
  let checked: JsonReport & { groups: { pointer: string; bodies: number }[] };
  let proposed: ProposeJson;

  beforeAll(async () => {
    const ran = await runCommand(check.run, ['--spec', spec, '--format', 'json', '--quiet', input], dir);
    checked = JSON.parse(ran.stdout);
    proposed = proposeJson(await propose(['--spec', spec, '--format', 'json', input], dir));
  });

  /** Bodies in which check reports a finding whose message matches `message`. */
  const bodiesWith = (message: RegExp) =>
    checked.files.filter((f) => f.violations.some((v) => message.test(v.message))).length;
  const countOf = (pointer: string) => proposed.changes.find((c) => c.pointer === pointer)?.evidence.count;

  test('a change at one place of the report: the count of its group', () => {
    const group = checked.groups.find((g) => g.pointer === '/data/targetGroups/*/targetEvaluationType');
    expect(group?.bodies).toBe(6);
    expect(countOf('/components/schemas/TargetEvaluationType/enum')).toBe(group!.bodies);
  });

  test('a change at several places: the bodies of any of them', () => {
    const places = checked.groups.filter((g) => /attribution\/(createdBy|lastUpdatedBy)\/type$/.test(g.pointer));
    expect(places.map((g) => g.bodies).sort()).toEqual([3, 4]);
    expect(countOf('/components/schemas/AuditUserType/enum')).toBe(bodiesWith(/not a known value of AuditUserType/));
    expect(countOf('/components/schemas/AuditUserType/enum')).toBe(6);
    expect(countOf('/components/schemas/AuditUser/properties/tier')).toBe(bodiesWith(/undocumented property 'tier'/));
  });

  test('nothing is proposed inside a free-form map', () => {
    expect(proposed.changes.filter((c) => /customFields|attributes/.test(c.pointer))).toEqual([]);
    expect(proposed.diff).not.toMatch(/channel|optIn|loyaltyCard/);
    expect(readFileSync(spec, 'utf8')).toBe(before);
    const schemas = schemasIn(spec);
    expect(schemas.Customer.properties.customFields.additionalProperties).not.toHaveProperty('properties');
  });
});
