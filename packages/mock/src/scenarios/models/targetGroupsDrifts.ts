// The vendor's bad days, at reserved userIds, for tests of the tools that must notice them (the contract check, the
// validating proxy, the client's drift monitor), served with the engine option `drifts: true`: a real body drifted
// in each way the contract check must report, and the vendor's failures.
import { vendorEnvelope } from '../vendor.js';
import type { ModelAnswer } from './index.js';

type Body = Record<string, unknown>;

/** A drifted body: what changed, and where and how the contract check must report it. */
export interface Drift {
  userId: string;
  kind:
    | 'type-changed'
    | 'required-dropped'
    | 'undocumented-field'
    | 'new-enum-value'
    | 'legacy-timestamp-format'
    | 'unexpected-null';
  description: string;
  pointer: string;
  severity: 'error' | 'warning';
}

const TARGET = '/data/targetGroups/0/targets/0';

/** Each drift, applied to a copy of user 566881933's real body (the seed's richest: ISO fields, newer fields). */
export const DRIFTS: readonly Drift[] = [
  ['900000001', 'type-changed', 'targetValue sent as a string', `${TARGET}/targetValue`, 'error'],
  ['900000002', 'required-dropped', 'targetRuleId no longer sent', `${TARGET}/targetRuleId`, 'error'],
  [
    '900000003',
    'undocumented-field',
    'a new field rewardExpiryDate on the target',
    `${TARGET}/rewardExpiryDate`,
    'warning',
  ],
  [
    '900000004',
    'new-enum-value',
    'targetEvaluationType ROLLING_WINDOW',
    '/data/targetGroups/0/targetEvaluationType',
    'warning',
  ],
  [
    '900000005',
    'legacy-timestamp-format',
    'enrolledOn sent as RFC 3339 (colon in the offset, no milliseconds) instead of the legacy format',
    `${TARGET}/enrolledOn`,
    'error',
  ],
  ['900000006', 'unexpected-null', 'periodId sent as null', `${TARGET}/periodId`, 'error'],
].map(([userId, kind, description, pointer, severity]) => ({ userId, kind, description, pointer, severity }) as Drift);

/** The value each drift puts at its pointer (`undefined`: the property is dropped). */
const DRIFTED_VALUES: Record<Drift['kind'], unknown> = {
  'type-changed': '10000.000',
  'required-dropped': undefined,
  'undocumented-field': '2025-12-31',
  'new-enum-value': 'ROLLING_WINDOW',
  'legacy-timestamp-format': '2025-11-12T09:51:10+00:00',
  'unexpected-null': null,
};

/** userIds answered with the vendor's failures. */
export const VENDOR_ERROR_USER_IDS = {
  /** HTTP 200, `data: null`, an errors list: how the vendor says "not found". */
  notFound: '900000404',
  /** HTTP 500 in the vendor's envelope. */
  serverError: '900000500',
  /** HTTP 502 with an HTML page, as a gateway in front of the vendor answers. */
  badGateway: '900000502',
} as const;

/** The answer for a reserved userId (a drift or a failure), or undefined for any other user. */
export function reservedAnswer(userId: string, base: Body | undefined): ModelAnswer | undefined {
  if (userId === VENDOR_ERROR_USER_IDS.notFound)
    return { body: vendorEnvelope(8015, 'Customer not found for given identifiers') };
  if (userId === VENDOR_ERROR_USER_IDS.serverError)
    return { status: 500, body: vendorEnvelope(500, 'Internal server error') };
  if (userId === VENDOR_ERROR_USER_IDS.badGateway)
    return {
      status: 502,
      contentType: 'text/html',
      text: '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>',
    };
  const drift = DRIFTS.find((candidate) => candidate.userId === userId);
  if (!drift || !base) return undefined;
  const data = structuredClone(base);
  data.userId = Number(userId);
  (data.customer as Body).id = Number(userId);
  const body: Body = { data, errors: null, warnings: null };
  const keys = drift.pointer.split('/').slice(1);
  const parent = keys.slice(0, -1).reduce((node, key) => (node as Record<string, Body>)[key]!, body) as Body;
  const value = DRIFTED_VALUES[drift.kind];
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return { body };
}
