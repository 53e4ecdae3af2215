import { describe, expect, it } from 'vitest';
import { loadSpec, promotionsSpecPath } from '../src/index.ts';
import { schemaValidators } from './schemaValidator.ts';

const spec = await loadSpec(promotionsSpecPath);
const validator = schemaValidators(spec);
const examples = spec.document.components.examples as Record<string, { value: unknown }>;

describe('the promotions contract, read by the spec reader', () => {
  it('lists both operations, in the order of `paths`', () => {
    expect(spec.operations.map((o) => `${o.id} ${o.method.toUpperCase()} ${o.path}`)).toEqual([
      'listPromotions GET /v3/promotions',
      'getPromotion GET /v3/promotions/{promotionId}',
    ]);
  });

  it('matches a request to its operation, with the path parameter', () => {
    const match = spec.match('GET', 'https://eu.api.capillarytech.com/v3/promotions/6903253184daf5486232dec9');
    expect(match?.operation.id).toBe('getPromotion');
    expect(match?.params).toEqual({ promotionId: '6903253184daf5486232dec9' });
    expect(spec.match('GET', '/v3/promotions?page=1&size=20')?.operation.id).toBe('listPromotions');
  });

  it('pages are 0-indexed with a default size of 10, and status is a comma-separated open enum', () => {
    const list = spec.operation('listPromotions')!;
    const param = (name: string) => list.parameters.find((p) => p.name === name)!;
    expect(param('page').schema).toMatchObject({ minimum: 0, default: 0 });
    expect(param('size').schema).toMatchObject({ minimum: 1, default: 10 });
    expect(param('status').definition).toMatchObject({ style: 'form', explode: false });
    expect(param('status').schema.items).toMatchObject({ 'x-extensible-enum': true });
    expect(list.parameters.map((p) => p.name)).toEqual(['searchText', 'status', 'page', 'size', 'includeDraftDetails']);
  });

  it('says it is derived from the vendor pages, not yet from real traffic', () => {
    expect(spec.document.info.description).toMatch(
      /derived from the vendor's documentation pages, not yet from real traffic/,
    );
  });

  it('every response of both operations has named examples', () => {
    for (const operation of spec.operations)
      for (const response of operation.responses)
        expect(response.examples.length, `${operation.id} ${response.status}`).toBeGreaterThan(0);
  });

  for (const example of spec.examples) {
    it(`${example.operationId} ${example.name} (HTTP ${example.status}) validates against ${example.schemaName}`, () => {
      const validate = validator(example.schemaName!);
      validate(example.value);
      expect(validate.errors ?? []).toEqual([]);
    });
  }

  it('the validator above rejects a promotion that breaks the contract (a milestone without trackingType)', () => {
    const body = structuredClone(examples.singleMilestonePromotion!.value) as any;
    delete body.data.activities[0].milestones[0].trackingType;
    const validate = validator('PromotionResponse');
    expect(validate(body)).toBe(false);
  });

  it('carries the retiring contract enum names unchanged (the migration map relies on it)', async () => {
    const old = await loadSpec();
    for (const name of ['TrackingType', 'TargetEvaluationType', 'TargetEntity', 'TargetType'])
      expect(spec.schemas[name]!.enum, name).toEqual(old.schemas[name]!.enum);
  });
});
