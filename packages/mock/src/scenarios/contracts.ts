// The contracts this package was built from, as values every face takes for `spec` (startMock with either engine,
// createMockFetch, the msw handlers): the consumer cannot read them itself, since the spec package is private.
import type { OpenApiDocument } from '@target-groups/spec/portable';
import * as promotions from './generated/promotions.js';
import * as targetGroups from './generated/targetGroups.js';

/** A spec as `loadSpec()` of `@target-groups/spec` gives it: the bundled and the dereferenced document. */
export interface MockSpec {
  document: OpenApiDocument;
  dereferenced: OpenApiDocument;
}

/** The name of a shipped contract: Prism serves it from `@target-groups/mock/<name>.json`. */
export type ContractName = 'targetGroups' | 'promotions';

/** A shipped contract: a {@link MockSpec} (for the scenario engine) that also names its file (for Prism). */
export interface MockContract extends MockSpec {
  readonly name: ContractName;
}

const shipped = (name: ContractName, dereferenced: OpenApiDocument): MockContract =>
  Object.freeze({ name, document: dereferenced, dereferenced });

/**
 * `targetGroups`: `GET /v3/users/{userId}/targetGroups` and its connected-orgs variant (the default of every face).
 * `promotions`: the vendor's replacement, `GET /v3/promotions` and `GET /v3/promotions/{promotionId}`.
 */
export const contracts: Readonly<Record<ContractName, MockContract>> = Object.freeze({
  targetGroups: shipped('targetGroups', targetGroups.dereferenced),
  promotions: shipped('promotions', promotions.dereferenced),
});

export const CONTRACT_NAMES = Object.keys(contracts) as ContractName[];

/**
 * Whether a `spec` value is a shipped contract: by its name and its document's title and version, not by identity,
 * since the ESM and the CJS build (and each entry of the CJS build) hold a copy of their own.
 */
export function isMockContract(spec: unknown): spec is MockContract {
  if (typeof spec !== 'object' || spec === null || !('name' in spec) || !('document' in spec)) return false;
  const name = CONTRACT_NAMES.find((known) => known === spec.name);
  const info = (spec.document as { info?: { title?: unknown; version?: unknown } } | null)?.info;
  const own = name === undefined ? undefined : contracts[name].document.info;
  return own !== undefined && info?.title === own.title && info?.version === own.version;
}

export const statusScenariosOf = {
  targetGroups: targetGroups.statusScenarios,
  promotions: promotions.statusScenarios,
} as const;
