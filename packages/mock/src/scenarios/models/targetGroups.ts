// The model of `getUserTargetGroups`: any userId is a user (targetGroupsUsers.ts), the named examples' userIds answer
// with their examples, the filters `includeInactive`, `includeInactiveTargets` and `targetRuleId` apply as the spec's
// parameter descriptions say the vendor applies them, and `forwardCompatible` also ends some target groups' windows.
import { isObject, type JsonObject, type Operation, withoutNull } from '@target-groups/spec/portable';
import { driftForward } from '../drift.js';
import { randomFor } from '../random.js';
import type { ModelFactory, ModelRequest } from './index.js';
import { reservedAnswer } from './targetGroupsDrifts.js';
import { createUserGenerator, type GeneratedUser } from './targetGroupsUsers.js';

type Body = Record<string, unknown>;

export const TARGET_GROUPS_SCENARIOS = ['noTargetGroups', 'userNotFound'] as const;

/** The filters as the engine has checked them. */
export interface UserQuery {
  includeInactive: boolean;
  includeInactiveTargets: boolean;
  targetRuleId: string | undefined;
}

/** Stands for a userId beyond 2^53 in the body object; replaced by the digits in the JSON text. */
const BIG_ID = '\u0000userId';
const BIG_ID_JSON = JSON.stringify(BIG_ID);
const MAX_CACHED = 256;
const P_ENDED = 0.15;
/** The real body every drift is a copy of. */
const DRIFT_BASE = '566881933';
/** The only latitude about values rather than shapes: a target group none of whose targets is current. */
export const TARGET_PERIOD = { groups: 'targetGroups', targets: 'targets', flag: 'currentPeriod' } as const;

/** The schema of the success answer's `data` (`UserTargetGroups`). */
export function dataSchemaOf(operation: Operation): JsonObject {
  const envelope = withoutNull(operation.responseFor(200)?.schema ?? {}).schema;
  const data = isObject(envelope.properties) ? envelope.properties.data : undefined;
  if (!isObject(data)) throw new Error(`${operation.id}: the 200 answer has no data schema`);
  return withoutNull(data).schema;
}

/** The userIds of the operation's named 200 examples, each answered with its example's `data`. */
export function exampleUsers(operation: Operation): Map<string, Body> {
  const users = new Map<string, Body>();
  for (const example of operation.responseFor(200)?.examples ?? []) {
    const data = (example.value as { data?: Body | null } | null)?.data;
    if (typeof data?.userId === 'number' && !users.has(String(data.userId))) users.set(String(data.userId), data);
  }
  return users;
}

/** Makes `group` one of user 64035151's kind: every target out of the current period (the window has ended). */
function endGroup(group: Body): Body {
  const targets = group[TARGET_PERIOD.targets];
  if (!Array.isArray(targets)) return group;
  return {
    ...group,
    [TARGET_PERIOD.targets]: targets.map((target: Body) => ({ ...target, [TARGET_PERIOD.flag]: false })),
  };
}

export interface UserBodies {
  /** The user's `data` for the query (`userId` in decimal, as checked). */
  data(userId: string, query: UserQuery): Body;
  /** The same, drifted across the contract's latitude (the `forwardCompatible` scenario). */
  forwardCompatible(userId: string, query: UserQuery): Body;
}

/**
 * Users of one seed (`''`: the default set), the most recently asked kept generated; the userIds of `examples` (by
 * default the operation's named 200 examples) answer with their example.
 */
export function createUserBodies(
  operation: Operation,
  seed: string,
  examples: ReadonlyMap<string, Body> = exampleUsers(operation),
): UserBodies {
  const dataSchema = dataSchemaOf(operation);
  const generateUser = createUserGenerator(dataSchema);
  const users = new Map<string, GeneratedUser>();
  const generated = (userId: string): GeneratedUser => {
    let user = users.get(userId);
    if (user) users.delete(userId);
    else user = generateUser(userId, Number.isSafeInteger(Number(userId)) ? Number(userId) : BIG_ID, seed);
    users.set(userId, user);
    if (users.size > MAX_CACHED) users.delete(users.keys().next().value!);
    return user;
  };
  const data = (userId: string, query: UserQuery): Body => {
    const example = examples.get(userId);
    // An example user answers with the example itself; only `targetRuleId` narrows it.
    if (example)
      return query.targetRuleId === undefined
        ? example
        : { ...example, targetGroups: narrowToRule(example.targetGroups as Body[], query.targetRuleId) };
    const user = generated(userId);
    const groups = user.groups
      .filter((group) => query.includeInactiveTargets || group.active)
      .map(({ body }) =>
        query.includeInactive
          ? body
          : { ...body, targets: (body.targets as Body[]).filter((target) => target.currentPeriod === true) },
      );
    return { ...user.data, targetGroups: narrowToRule(groups, query.targetRuleId) };
  };
  const forwardCompatible = (userId: string, query: UserQuery): Body => {
    const rnd = randomFor(`drift:${seed}:${userId}`);
    const drifted = driftForward(data(userId, query), dataSchema, rnd);
    const groups = drifted[TARGET_PERIOD.groups];
    if (Array.isArray(groups))
      drifted[TARGET_PERIOD.groups] = groups.map((group: Body) => (rnd.chance(P_ENDED) ? endGroup(group) : group));
    return drifted;
  };
  return { data, forwardCompatible };
}

/** `targetRuleId`: the target group with that id, or the targets with that rule id (in their groups). */
export function narrowToRule(groups: Body[], targetRuleId: string | undefined): Body[] {
  if (targetRuleId === undefined) return groups;
  return groups.flatMap((group) => {
    if (String(group.id) === targetRuleId) return [group];
    const targets = (group.targets as Body[]).filter((target) => String(target.targetRuleId) === targetRuleId);
    return targets.length > 0 ? [{ ...group, targets }] : [];
  });
}

/** The user and the filters of a request, as the engine has checked them. */
export const readUserRequest = (parameters: Record<string, unknown>): { userId: string; query: UserQuery } => ({
  userId: String(parameters.userId),
  query: {
    includeInactive: parameters.includeInactive === true,
    includeInactiveTargets: parameters.includeInactiveTargets === true,
    targetRuleId: parameters.targetRuleId === undefined ? undefined : String(parameters.targetRuleId),
  },
});

export const targetGroupsModel: ModelFactory = (operation, { seed, drifts }) => {
  const bodies = createUserBodies(operation, seed);
  const examples = exampleUsers(operation);
  const notFound = operation.responseFor(200)?.examples.find((example) => example.name === 'userNotFound')?.value;
  return {
    scenarios: notFound === undefined ? ['noTargetGroups'] : TARGET_GROUPS_SCENARIOS,
    answer({ parameters }, scenario) {
      const { userId, query } = readUserRequest(parameters);
      if (scenario === 'userNotFound') return { body: notFound };
      const reserved = drifts ? reservedAnswer(userId, examples.get(DRIFT_BASE)) : undefined;
      if (reserved) return reserved;
      const data = bodies.data(userId, query);
      return {
        body: {
          data: scenario === 'noTargetGroups' ? { ...data, targetGroups: [] } : data,
          errors: null,
          warnings: null,
        },
      };
    },
    drift(body, { parameters }) {
      const { userId, query } = readUserRequest(parameters);
      return isObject(body.data) ? { ...body, data: bodies.forwardCompatible(userId, query) } : body;
    },
    serialize: serializeUser,
  };
};

/** The body's JSON text, a userId beyond 2^53 written with all its digits. */
export function serializeUser(body: unknown, { parameters }: ModelRequest): string {
  const text = JSON.stringify(body);
  return text.includes(BIG_ID_JSON) ? text.replaceAll(BIG_ID_JSON, String(parameters.userId)) : text;
}
