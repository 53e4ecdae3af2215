import { describe, expect, it } from 'vitest';
import { createValidator, type Violation } from '../src/index.js';
import { component, fixture, seedFixtures, spec } from './support.js';

const validator = createValidator();

type Json = Record<string, unknown>;

function targetOf(body: Json, group = 0, target = 0): Json {
  return (((body.data as Json).targetGroups as Json[])[group]!.targets as Json[])[target]!;
}

function only(violations: Violation[]): Violation {
  expect(violations, JSON.stringify(violations, null, 2)).toHaveLength(1);
  return violations[0]!;
}

describe('conforming bodies', () => {
  const examples = spec.examples.map((e) => ({ ...e, status: Number(e.status) }));

  it('reads the named examples from the spec', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(new Set(examples.map((e) => e.status)).size).toBeGreaterThan(1);
  });

  it.each(examples.map((e) => [e.name, e.status, e.value] as const))(
    'example %s (HTTP %i) has no errors and no warnings',
    (_name, status, value) => {
      expect(validator.validate(value, status)).toEqual([]);
    },
  );

  it.each(seedFixtures().map((f) => [f.name, f.body] as const))(
    'seed fixture %s has no errors and no warnings',
    (_name, body) => {
      expect(validator.validate(body, 200)).toEqual([]);
    },
  );
});

describe('a broken copy is caught at the exact pointer with the right severity', () => {
  const targetSchema = component('Target');
  const props = targetSchema.properties as Record<string, Json>;

  it('wrong type', () => {
    const body = fixture('566881933');
    targetOf(body).targetValue = 'abc';
    const v = only(validator.validate(body));
    expect(v).toMatchObject({
      pointer: '/data/targetGroups/0/targets/0/targetValue',
      severity: 'error',
      message: 'expected number, got string "abc"',
    });
  });

  it('wrong type in a nullable field', () => {
    const body = fixture('566881933');
    targetOf(body).targetId = 'abc';
    const v = only(validator.validate(body));
    expect(v).toMatchObject({ pointer: '/data/targetGroups/0/targets/0/targetId', severity: 'error' });
    expect(v.message).toBe('expected integer or null, got string "abc"');
  });

  it('missing required property (pointer of the missing property)', () => {
    const body = fixture('387035386');
    expect(targetSchema.required).toContain('targetId');
    delete targetOf(body, 1, 0).targetId;
    const v = only(validator.validate(body));
    expect(v).toMatchObject({
      pointer: '/data/targetGroups/1/targets/0/targetId',
      severity: 'error',
      message: "required property 'targetId' is missing",
    });
  });

  it('missing required property two levels down', () => {
    const body = fixture('547528790');
    delete targetOf(body, 0, 1).targetRuleId;
    expect(only(validator.validate(body)).pointer).toBe('/data/targetGroups/0/targets/1/targetRuleId');
  });

  it('unexpected null', () => {
    const body = fixture('566881933');
    expect(props.periodId!.type).not.toContain('null');
    targetOf(body).periodId = null;
    const v = only(validator.validate(body));
    expect(v.pointer).toBe('/data/targetGroups/0/targets/0/periodId');
    expect(v.severity).toBe('error');
    expect(v.message).toMatch(/^null is not allowed/);
  });

  it('unknown value of an open enum is a warning naming the enum and its known values', () => {
    const body = fixture('566881933');
    expect(component('TargetEvaluationType')['x-extensible-enum']).toBe(true);
    ((body.data as Json).targetGroups as Json[])[0]!.targetEvaluationType = 'ROLLING_WINDOW';
    const v = only(validator.validate(body));
    expect(v.pointer).toBe('/data/targetGroups/0/targetEvaluationType');
    expect(v.severity).toBe('warning');
    expect(v.message).toMatch(
      /^'ROLLING_WINDOW' is not a known value of TargetEvaluationType \(open enum: known values FIXED_CALENDAR_WINDOW, /,
    );
  });

  it('unknown value of an open enum inside a nullable union is one warning', () => {
    const body = fixture('566881933');
    const attribution = (((body.data as Json).customer as Json).loyaltyInfo as Json).attribution as Json;
    (attribution.createdBy as Json).type = 'API_CLIENT';
    const v = only(validator.validate(body));
    expect(v).toMatchObject({ pointer: '/data/customer/loyaltyInfo/attribution/createdBy/type', severity: 'warning' });
    expect(v.message).toContain('AuditUserType');
  });

  it('open enum with a value of the wrong type is an error, not a warning', () => {
    const body = fixture('566881933');
    ((body.data as Json).targetGroups as Json[])[0]!.trackingType = 7;
    expect(only(validator.validate(body))).toMatchObject({
      pointer: '/data/targetGroups/0/trackingType',
      severity: 'error',
      message: 'expected string, got integer 7',
    });
  });

  it('undocumented property is a warning', () => {
    const body = fixture('64035151');
    targetOf(body, 0, 1).rewardCurrency = 'POINTS';
    expect(only(validator.validate(body))).toEqual({
      pointer: '/data/targetGroups/0/targets/1/rewardCurrency',
      severity: 'warning',
      kind: 'undocumented-property',
      // The place to edit: the component that would declare it.
      schemaPointer: '/components/schemas/Target',
      message: "undocumented property 'rewardCurrency' (not declared in the contract)",
    });
  });

  it('undocumented property in the envelope and in a nested list', () => {
    const body = fixture('566881933');
    body.traceId = 'x';
    const profiles = ((body.data as Json).customer as Json).profiles as Json[];
    (profiles[0]!.commChannels as Json[])[1]!.preferred = true;
    const warnings = validator.validate(body);
    expect(warnings.map((w) => [w.pointer, w.severity]).sort()).toMatchObject([
      ['/data/customer/profiles/0/commChannels/1/preferred', 'warning'],
      ['/traceId', 'warning'],
    ]);
  });

  it('property names with / and ~ are escaped in pointers', () => {
    const body = fixture('566881933');
    targetOf(body)['a/b~c'] = 1;
    expect(only(validator.validate(body)).pointer).toBe('/data/targetGroups/0/targets/0/a~1b~0c');
  });

  it('bad legacy timestamp', () => {
    const body = fixture('566881933');
    expect(props.enrolledOn).toMatchObject({ deprecated: true });
    expect(typeof props.enrolledOn!.pattern).toBe('string');
    targetOf(body).enrolledOn = '2025-11-12T09:51:10+00:00';
    const v = only(validator.validate(body));
    expect(v.pointer).toBe('/data/targetGroups/0/targets/0/enrolledOn');
    expect(v.severity).toBe('error');
    expect(v.message).toMatch(/^legacy timestamp does not match yyyy-MM-dd'T'HH:mm:ss\.SSS±hhmm/);
  });

  it('bad ISO date-time', () => {
    const body = fixture('566881933');
    expect(props.enrolledOnISO!.format).toBe('date-time');
    targetOf(body).enrolledOnISO = '2025-11-12 09:51:10';
    expect(only(validator.validate(body))).toMatchObject({
      pointer: '/data/targetGroups/0/targets/0/enrolledOnISO',
      severity: 'error',
    });
    targetOf(body).enrolledOnISO = '2025-11-12T09:51:10.000+0000';
    expect(only(validator.validate(body)).message).toMatch(/^expected an RFC 3339 date-time/);
    targetOf(body).enrolledOnISO = '2025-11-31T09:51:10Z';
    expect(only(validator.validate(body)).pointer).toBe('/data/targetGroups/0/targets/0/enrolledOnISO');
    targetOf(body).enrolledOnISO = '2025-12-16T14:30:45+05:30';
    expect(validator.validate(body)).toEqual([]);
  });

  it('bad date', () => {
    const body = fixture('566881933');
    expect(props.periodStartDate!.format).toBe('date');
    targetOf(body).periodStartDate = '2025-02-30';
    const v = only(validator.validate(body));
    expect(v).toMatchObject({ pointer: '/data/targetGroups/0/targets/0/periodStartDate', severity: 'error' });
    expect(v.message).toBe('expected a date (YYYY-MM-DD), got string "2025-02-30"');
  });

  it('several defects in one body are each reported once', () => {
    const body = fixture('387035386');
    targetOf(body, 0, 0).targetValue = '1';
    delete targetOf(body, 1, 0).periodId;
    ((body.data as Json).targetGroups as Json[])[1]!.extra = {};
    const violations = validator.validate(body);
    expect(violations.map((v) => `${v.severity} ${v.pointer}`).sort()).toMatchObject([
      'error /data/targetGroups/0/targets/0/targetValue',
      'error /data/targetGroups/1/targets/0/periodId',
      'warning /data/targetGroups/1/extra',
    ]);
  });

  it('a nullable union of the wrong type is one violation, not one per branch', () => {
    expect(only(validator.validate({ data: 'x', errors: null, warnings: null }))).toMatchObject({
      pointer: '/data',
      severity: 'error',
      kind: 'type',
      message: 'expected object or null, got string "x"',
    });
  });

  it('a defect deep inside a nullable union is reported at its own pointer only', () => {
    const body = fixture('566881933');
    ((body.data as Json).customer as Json).id = 'x';
    expect(only(validator.validate(body))).toMatchObject({ pointer: '/data/customer/id', severity: 'error' });
  });
});

describe('status-aware', () => {
  const error400 = spec.examples.find((e) => e.status === '400')!;

  it('any 2xx is checked against the 200 schema', () => {
    expect(validator.validate(fixture('566881933'), 203)).toEqual([]);
    expect(
      validator
        .validate({ data: null }, 201)
        .map((v) => v.pointer)
        .sort(),
    ).toEqual(['/errors', '/warnings']);
  });

  it('a declared error status is checked against its own schema', () => {
    expect(validator.validate(error400.value, 400)).toEqual([]);
    const violations = validator.validate(fixture('566881933'), 400);
    expect(violations.some((v) => v.pointer === '/data' && v.severity === 'error')).toBe(true);
  });

  it('an undeclared status is one error at the root', () => {
    expect(only(validator.validate(error400.value, 418))).toEqual({
      pointer: '',
      severity: 'error',
      kind: 'undeclared-status',
      message: 'HTTP status 418 is not declared by the contract (declared: 200, 400, 401, 403, 404, 500)',
    });
    expect(validator.isDeclared(418)).toBe(false);
    expect(validator.isDeclared(404)).toBe(true);
  });
});

describe('validateText', () => {
  it('checks the text of a body', () => {
    expect(validator.validateText(JSON.stringify(fixture('64035151')))).toEqual([]);
  });

  it('reports text that is not JSON as one error at the root', () => {
    const v = only(validator.validateText('{"data": {'));
    expect(v.pointer).toBe('');
    expect(v.severity).toBe('error');
    expect(v.message).toMatch(/^not valid JSON/);
  });

  it('reports an empty body', () => {
    expect(only(validator.validateText('  \n')).message).toBe('empty body');
  });

  it('refuses a body nested 10,000 levels deep without overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const v = only(validator.validateText(deep));
    expect(v.message).toMatch(/^body is nested deeper than 1000 levels \(line 1, column 1001\)/);
    const deepInside = `{"data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"errors":null,"warnings":null}`;
    expect(only(validator.validateText(deepInside)).message).toMatch(/nested deeper than 1000 levels/);
  });

  it('brackets inside strings do not count as nesting', () => {
    const body = fixture('566881933');
    targetOf(body).targetName = '['.repeat(5000);
    expect(validator.validateText(JSON.stringify(body))).toEqual([]);
  });
});
