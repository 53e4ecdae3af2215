// Operations and which one a request is: for the contract (two paths of one resource), and a spec of its own.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/index.ts';
import { promotionsText } from './support/specs.ts';

const contract = await loadSpec();
const promotions = await loadSpec({ text: promotionsText, name: 'promotions.yaml' });
const lineOf = (text: string, line: string) => text.split('\n').indexOf(line) + 1;

describe('the operations of the contract', () => {
  const [operation] = contract.operations;

  it('has its operations in the order of `paths`, each with id, method, path template and the line it is written on', () => {
    expect(contract.operations.map((o) => o.id)).toEqual(['getUserTargetGroups', 'getConnectedOrgUserTargetGroups']);
    expect(operation).toMatchObject({
      id: 'getUserTargetGroups',
      operationId: 'getUserTargetGroups',
      method: 'get',
      path: '/v3/users/{userId}/targetGroups',
      deprecated: true,
      tags: ['Target groups'],
      pointer: '/paths/~1v3~1users~1{userId}~1targetGroups/get',
      line: lineOf(contract.text, '    get:'),
    });
    expect(contract.operation('getUserTargetGroups')).toBe(operation);
    expect(contract.operation('noSuchOperation')).toBeUndefined();
  });

  it('lists its parameters with their location, presence and dereferenced schema', () => {
    expect(operation!.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['userId', 'path', true],
      ['includeInactive', 'query', false],
      ['includeInactiveTargets', 'query', false],
      ['targetRuleId', 'query', false],
    ]);
    expect(operation!.parameters[0]!.schema).toMatchObject({ type: 'integer', format: 'int64' });
  });

  it('lists the ways to authenticate, each with its scheme', () => {
    expect(operation!.security.map((r) => r.schemes.map((s) => [s.name, s.scheme?.type]))).toEqual([
      [['basicAuth', 'http']],
      [['oauthToken', 'apiKey']],
    ]);
  });

  it('lists its responses by status, with bundled and dereferenced schemas and the named examples', () => {
    const byStatus = operation!.responses.map((r) => [r.status, r.schemaName, r.examples.length > 0]);
    expect(byStatus).toEqual([
      ['200', 'TargetGroupsResponse', true],
      ['400', 'ErrorResponse', true],
      ['401', 'ErrorResponse', true],
      ['403', 'ErrorResponse', true],
      ['404', 'ErrorResponse', true],
      ['500', 'ErrorResponse', true],
    ]);
    const ok = operation!.responses[0]!;
    expect(ok.bundledSchema).toEqual({ $ref: '#/components/schemas/TargetGroupsResponse' });
    expect(ok.schema).toHaveProperty('properties.data');
    expect(ok.mediaType).toBe('application/json');
    expect(ok.line).toBe(lineOf(contract.text, "        '200':"));
  });

  it('gives each named example the line of its component', () => {
    const example = contract.examples.find((e) => e.name === 'fixedWindowSalesTarget')!;
    expect(example.pointer).toBe('/components/examples/fixedWindowSalesTarget');
    expect(example.line).toBe(lineOf(contract.text, '    fixedWindowSalesTarget:'));
  });

  it('answers the declared response of a status: exact, 2xx as 200, else none declared here', () => {
    expect(operation!.responseFor(404)?.status).toBe('404');
    expect(operation!.responseFor(203)?.status).toBe('200');
    expect(operation!.responseFor(418)).toBeUndefined();
  });
});

describe('the connected-organisations operation of the contract', () => {
  const connected = contract.operation('getConnectedOrgUserTargetGroups')!;
  const v3 = contract.operation('getUserTargetGroups')!;
  const pathLine = lineOf(contract.text, '  /api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups:');

  it('is the v3.1 path, not deprecated, written after the v3 operation', () => {
    expect(connected).toMatchObject({
      method: 'get',
      path: '/api_gateway/intouch-api-v3/v3.1/users/{userId}/targetGroups',
      deprecated: false,
      tags: ['Target groups'],
      line: pathLine + 1,
    });
    expect(pathLine).toBeGreaterThan(v3.line);
  });

  it('takes the data-scope headers beside the v3 parameters: DATA-SCOPE an enum defaulting to SELF, DATA-SCOPE-ORG at most two ids', () => {
    expect(connected.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['userId', 'path', true],
      ['DATA-SCOPE', 'header', false],
      ['DATA-SCOPE-ORG', 'header', false],
      ['includeInactive', 'query', false],
      ['includeInactiveTargets', 'query', false],
      ['targetRuleId', 'query', false],
    ]);
    const [, scope, orgs] = connected.parameters;
    expect(scope!.schema).toMatchObject({ type: 'string', enum: ['SELF', 'OTHER', 'ALL'], default: 'SELF' });
    const orgList = new RegExp(orgs!.schema.pattern as string);
    expect(['50363', '50363,50364'].filter((v) => orgList.test(v))).toEqual(['50363', '50363,50364']);
    expect(['', '1,2,3', '50363, 50364', '0', 'a'].filter((v) => orgList.test(v))).toEqual([]);
  });

  it('answers every status of the v3 operation with the same schemas, and names its real body and the data-scope error', () => {
    const schemas = (o: typeof connected) => o.responses.map((r) => [r.status, r.schemaName]);
    expect(schemas(connected)).toEqual(schemas(v3));
    expect(connected.responseFor(200)!.examples.map((e) => e.name)).toEqual(['connectedOrgsSelfScope', 'userNotFound']);
    expect(connected.responseFor(400)!.examples.map((e) => e.name)).toEqual(['invalidUserId', 'dataScopeOrgsMissing']);
  });
});

describe('matching a request to its operation', () => {
  it('matches a URL or a request target, decodes the path parameters, ignores query and one trailing slash', () => {
    expect(contract.match('GET', 'https://eu.api.capillarytech.com/v3/users/42/targetGroups?x=1')).toMatchObject({
      operation: { id: 'getUserTargetGroups' },
      params: { userId: '42' },
      prefix: '',
    });
    expect(contract.match('get', '/v3/users/a%20b/targetGroups/#top')?.params).toEqual({ userId: 'a b' });
  });

  it('matches no other method, no path of another shape, no empty parameter', () => {
    expect(contract.match('POST', '/v3/users/42/targetGroups')).toBeUndefined();
    expect(contract.match('GET', '/v3/users/42/targetGroups/extra')).toBeUndefined();
    expect(contract.match('GET', '/v3/users//targetGroups')).toBeUndefined();
    expect(contract.match('GET', '/v3.1/users/42/targetGroups')).toBeUndefined();
  });

  it('matches under a prefix the spec does not declare, and says which prefix', () => {
    expect(contract.match('GET', 'https://gw.test/proxy/eu/v3/users/42/targetGroups')).toMatchObject({
      params: { userId: '42' },
      prefix: '/proxy/eu',
    });
  });

  it('tells the two operations of the contract apart, each on its own path', () => {
    const connected = contract.match('GET', '/api_gateway/intouch-api-v3/v3.1/users/7/targetGroups');
    expect(connected).toMatchObject({
      operation: { id: 'getConnectedOrgUserTargetGroups' },
      params: { userId: '7' },
      prefix: '',
    });
    expect(contract.match('GET', '/v3/users/7/targetGroups')?.operation.id).toBe('getUserTargetGroups');
    // The v3 path under the gateway's prefix is still the v3 operation, never the v3.1 one.
    expect(contract.match('GET', '/api_gateway/intouch-api-v3/v3/users/7/targetGroups')).toMatchObject({
      operation: { id: 'getUserTargetGroups' },
      prefix: '/api_gateway/intouch-api-v3',
    });
  });

  it('prefers a literal segment to a template, and a whole-path match to one under a prefix', () => {
    expect(promotions.match('GET', '/promotions/search')?.operation.id).toBe('searchPromotions');
    expect(promotions.match('GET', '/promotions/p1')).toMatchObject({
      operation: { id: 'GET /promotions/{promotionId}' },
      params: { promotionId: 'p1' },
    });
    expect(promotions.match('GET', '/promotions')?.operation.id).toBe('listPromotions');
  });

  it("takes a server URL's path as the base of every path, variables included", () => {
    expect(promotions.match('GET', 'https://eu.api.example.test/api/v3/promotions/p1')).toMatchObject({
      params: { promotionId: 'p1' },
      prefix: '',
    });
    expect(promotions.match('GET', '/elsewhere/promotions/p1')?.prefix).toBe('/elsewhere');
  });
});

describe('the operations of any spec', () => {
  const [list, one] = promotions.operations;

  it('merges path-item parameters with the operation’s, the operation’s winning', () => {
    expect(one!.parameters.map((p) => [p.name, p.in, p.required, p.description])).toEqual([
      ['promotionId', 'path', true, undefined],
      ['lang', 'query', false, 'from the operation'],
    ]);
    expect(one!.parameters[1]!.pointer).toBe('/paths/~1promotions~1{promotionId}/get/parameters/0');
    expect(one!.parameters[0]!.pointer).toBe('/paths/~1promotions~1{promotionId}/parameters/0');
    expect(list!.parameters.find((p) => p.name === 'size')?.required).toBe(true);
  });

  it('takes the document’s security unless the operation sets its own (none: anonymous)', () => {
    expect(list!.security).toHaveLength(1);
    expect(one!.security).toEqual([]);
  });

  it('answers NXX and default responses, a +json media type, a response without a body', () => {
    expect(list!.responseFor(422)).toMatchObject({ status: '4XX', mediaType: 'application/problem+json' });
    expect(list!.responseFor(503)).toMatchObject({ status: 'default', schema: undefined, mediaType: undefined });
    expect(list!.responseFor(201)?.status).toBe('200');
  });

  it('reads an operation of a path item and a response that are $refs to components', () => {
    const rules = promotions.operation('listRules')!;
    expect(rules.path).toBe('/promotions/{promotionId}/rules');
    expect(rules.parameters.map((p) => p.name)).toEqual(['promotionId']);
    expect(rules.responseFor(404)).toMatchObject({
      description: 'No such promotion.',
      schemaName: 'Problem',
      bundledSchema: { $ref: '#/components/schemas/Problem' },
      schemaPointer: '/paths/~1promotions~1{promotionId}~1rules/get/responses/404/content/application~1json/schema',
    });
    expect(promotions.match('GET', '/api/v3/promotions/p1/rules')?.params).toEqual({ promotionId: 'p1' });
  });

  it('gives a nullable $ref body its bundled and dereferenced forms, without a component name', () => {
    const body = one!.responseFor(200)!;
    expect(body.schemaName).toBeUndefined();
    expect(body.bundledSchema).toEqual({ anyOf: [{ $ref: '#/components/schemas/Promotion' }, { type: 'null' }] });
    expect(promotions.componentOf((body.schema!.anyOf as any)[0])).toBe('Promotion');
  });
});
