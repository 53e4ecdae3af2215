// The connected-organisations call: which headers a data scope means, and the vendor's rules for them, checked before
// anything is sent (a call that breaks them would only earn an error from the vendor). An entry of its own
// (`@target-groups/client/data-scope`), loaded on the first data-scope call, so that the main entry stays within its
// size budget.
import type { ConnectedOrgHeaders, DataScope } from '@target-groups/types';
import { invalidArgument } from './errors.js';

const SCOPES: readonly DataScope[] = ['SELF', 'OTHER', 'ALL'];
/** The vendor serves at most two child organisations per call (its "data scopes" page). */
const MAX_SCOPE_ORGS = 2;

export interface DataScopeOptions {
  /**
   * Sends the call to the connected-organisations path with `DATA-SCOPE`: `SELF` (the authenticating
   * organisation's data), `OTHER` (the child organisations in `dataScopeOrgs`) or `ALL` (the parent's and the
   * children's). Without it the call goes to the v3 path.
   */
  dataScope?: DataScope;
  /** With `dataScope: 'OTHER'` only, and then required: the one or two child org ids, sent as `DATA-SCOPE-ORG`. */
  dataScopeOrgs?: readonly number[];
}

/** The headers of a connected-organisations call, or `undefined` for the v3 path; an `invalid-argument` error naming the broken rule. */
export function dataScopeHeaders({ dataScope, dataScopeOrgs }: DataScopeOptions): ConnectedOrgHeaders | undefined {
  const rule = (text: string) => invalidArgument(`getTargetGroups: ${text}`);
  if (dataScope !== undefined && !SCOPES.includes(dataScope)) {
    throw rule(`dataScope must be SELF, OTHER or ALL; got ${JSON.stringify(dataScope)}`);
  }
  if (dataScope !== 'OTHER') {
    if (dataScopeOrgs === undefined) return dataScope && { 'DATA-SCOPE': dataScope };
    throw rule(`dataScopeOrgs goes with dataScope OTHER only; got dataScope ${dataScope}`);
  }
  if (!Array.isArray(dataScopeOrgs) || dataScopeOrgs.length === 0) {
    throw rule('dataScope OTHER needs dataScopeOrgs: 1 or 2 child org ids');
  }
  if (dataScopeOrgs.length > MAX_SCOPE_ORGS) {
    throw rule(`dataScopeOrgs takes at most ${MAX_SCOPE_ORGS} org ids; got ${dataScopeOrgs.length}`);
  }
  if (!dataScopeOrgs.every((org) => Number.isSafeInteger(org) && org > 0)) {
    throw rule(`dataScopeOrgs holds positive integer org ids; got ${JSON.stringify(dataScopeOrgs)}`);
  }
  return { 'DATA-SCOPE': 'OTHER', 'DATA-SCOPE-ORG': dataScopeOrgs.join(',') };
}
