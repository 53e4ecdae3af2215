// The model of `getConnectedOrgUserTargetGroups` (the connected-organisations path): a parent organisation, which
// authenticates, and its two child (brand) organisations, each with target groups of its own for every user.
// `DATA-SCOPE` picks whose groups answer: `SELF` (the default) the parent's, `OTHER` those of the children listed in
// `DATA-SCOPE-ORG`, `ALL` the union; each group carries its `orgId`. The parent's groups are the user's groups on the
// v3 path (the same generated programme and user), so the two paths agree on an organisation's own data. The rules the
// vendor's pages name are refused with the vendor's error envelope at 400, the status the spec assumes (the pages give
// none); an org id that is not a child of the parent is a 403 in the same envelope, as the operation's 403 reads
// (credentials not allowed to read this organisation's data; the pages do not say).
import type { Operation } from '@target-groups/spec/portable';
import { vendorEnvelope } from '../vendor.js';
import type { ModelAnswer, ModelFactory } from './index.js';
import {
  createUserBodies,
  exampleUsers,
  narrowToRule,
  readUserRequest,
  serializeUser,
  TARGET_GROUPS_SCENARIOS,
} from './targetGroups.js';

type Body = Record<string, unknown>;

/** The organisations: the parent, which authenticates, and its children (the docs' `OTHER` sample names both). */
export const CONNECTED_ORGS = { parent: 50362, children: [50363, 50364] } as const;
export const DATA_SCOPE = { scope: 'DATA-SCOPE', orgs: 'DATA-SCOPE-ORG' } as const;
/** `OTHER` names at most this many children (the data-scopes page). */
const MAX_SCOPE_ORGS = 2;
const ORG_ID = /^[1-9]\d{0,18}$/;
/** The generated group ids of the org at index i are offset by i × this, so no two orgs share a group id. */
const GROUP_ID_STRIDE = 100_000;
/** The example the spec gives for `OTHER` without org ids, served as the answer to it. */
const ORGS_MISSING_EXAMPLE = 'dataScopeOrgsMissing';

/** The org ids `DATA-SCOPE` and `DATA-SCOPE-ORG` ask for, or the vendor's 400 (a broken rule) or 403 (not a child). */
export function scopedOrgs(scope: unknown, listed: unknown, orgsMissing: unknown): number[] | ModelAnswer {
  const refuse = (message: string): ModelAnswer => ({ status: 400, body: vendorEnvelope(400, message) });
  const ids = listed === undefined ? [] : String(listed).split(',');
  if (ids.length > MAX_SCOPE_ORGS)
    return refuse(`${DATA_SCOPE.orgs} takes at most ${MAX_SCOPE_ORGS} org ids, got ${ids.length}`);
  if (!ids.every((id) => ORG_ID.test(id.trim())))
    return refuse(`${DATA_SCOPE.orgs} must be org ids separated by a comma`);
  if (scope === 'ALL') return [CONNECTED_ORGS.parent, ...CONNECTED_ORGS.children];
  // The endpoint's sample sends DATA-SCOPE-ORG with SELF too, without saying what it changes: it is read only for OTHER.
  if (scope !== 'OTHER') return [CONNECTED_ORGS.parent];
  if (ids.length === 0)
    return { status: 400, body: orgsMissing ?? vendorEnvelope(400, `${DATA_SCOPE.orgs} is mandatory with OTHER`) };
  const orgs = [...new Set(ids.map(Number))];
  const unknown = orgs.find((org) => !(CONNECTED_ORGS.children as readonly number[]).includes(org));
  if (unknown !== undefined)
    return {
      status: 403,
      body: vendorEnvelope(
        403,
        `${DATA_SCOPE.orgs}: ${unknown} is not a child organisation of ${CONNECTED_ORGS.parent}`,
      ),
    };
  return orgs;
}

/** The groups of `org` in a named example's body, when it has any. */
const exampleGroupsOf = (example: Body | undefined, org: number) =>
  ((example?.targetGroups as Body[] | undefined) ?? []).filter((group) => group.orgId === org);

export const connectedOrgsModel: ModelFactory = (operation: Operation, { seed }) => {
  const orgs: number[] = [CONNECTED_ORGS.parent, ...CONNECTED_ORGS.children];
  // A named 200 example's user keeps the groups of each org its body has (the endpoint page's body: 50363's);
  // the other orgs' groups are generated, as for any user.
  const examples = exampleUsers(operation);
  const bodies = orgs.map((org, index) =>
    createUserBodies(operation, index === 0 ? seed : `${seed}|org:${org}`, new Map()),
  );
  const responses = (name: string) => operation.responses.flatMap((r) => r.examples).find((e) => e.name === name);
  const notFound = responses('userNotFound')?.value;
  const orgsMissing = responses(ORGS_MISSING_EXAMPLE)?.value;

  const groupsOf = (org: number, userId: string, query: ReturnType<typeof readUserRequest>['query']): Body[] => {
    const own = exampleGroupsOf(examples.get(userId), org);
    if (own.length > 0) return own;
    const index = orgs.indexOf(org);
    const data = bodies[index]!.data(userId, { ...query, targetRuleId: undefined });
    return (data.targetGroups as Body[]).map((group) => ({
      ...group,
      id: typeof group.id === 'number' ? group.id + index * GROUP_ID_STRIDE : group.id,
      orgId: org,
    }));
  };

  return {
    scenarios: notFound === undefined ? ['noTargetGroups'] : TARGET_GROUPS_SCENARIOS,
    answer({ parameters }, scenario) {
      const scoped = scopedOrgs(parameters[DATA_SCOPE.scope], parameters[DATA_SCOPE.orgs], orgsMissing);
      if (!Array.isArray(scoped)) return scoped;
      if (scenario === 'userNotFound') return { body: notFound };
      const { userId, query } = readUserRequest(parameters);
      const base = examples.get(userId) ?? bodies[0]!.data(userId, query);
      const groups = scenario === 'noTargetGroups' ? [] : scoped.flatMap((org) => groupsOf(org, userId, query));
      return {
        body: {
          data: { ...base, targetGroups: narrowToRule(groups, query.targetRuleId) },
          errors: null,
          warnings: null,
        },
      };
    },
    serialize: serializeUser,
  };
};
