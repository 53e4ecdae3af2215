// The covering set: few users whose `forwardCompatible` bodies together use every latitude of the contract
// (latitudes.ts). One user's drifted body is a draw: it uses some of the latitude, and code that crashes on the rest
// passes a test that asks for that user alone. A test that loops over coveringUserIds() meets all of it.
//
// How: the candidates are the named examples' users and generated users 1 to POOL (further, up to MAX_POOL, while
// some latitude is shown by none of them), each body measured once; then greedy set cover: take the user that adds
// the most latitudes still missing (the earlier candidate on a tie) until none is missing, and drop again every user
// whose latitudes the others already show. Greedy is not always the fewest (it is within a factor ln(latitudes) of
// it), but it is quick and deterministic.
import { type Operation, operationsOf } from '@target-groups/spec/portable';
import { contracts } from '../contracts.js';
import { declaredLatitudes, type Latitude, type LatitudeKind, latitudeKey, latitudesOf } from '../latitudes.js';
import { ScenarioOptionError } from '../names.js';
import { createUserBodies, dataSchemaOf, exampleUsers, TARGET_PERIOD, type UserQuery } from './targetGroups.js';

export interface CoveringOptions {
  /** The engine's `seed`: users of another seed have other bodies, and another covering set. */
  seed?: string | number;
  /** The query the test sends (`includeInactive`, `includeInactiveTargets`): other cycles, other bodies. */
  includeInactive?: boolean;
  includeInactiveTargets?: boolean;
}

export interface ForwardCompatibleCoverage {
  /** The covering set, in the order it was chosen. */
  userIds: number[];
  /** Every latitude of the contract, and which of `userIds` show it. */
  latitudes: { kind: LatitudeKind; path: string; userIds: number[] }[];
  /** Latitudes no candidate shows (empty unless the spec gained one the generated users cannot show yet). */
  uncovered: Latitude[];
}

/** Generated users measured at least (besides the named examples' users), and at most. */
const POOL = 400;
const MAX_POOL = 5000;

const computed = new Map<string, ForwardCompatibleCoverage>();

/** The covering set for a seed and query, and what each latitude is shown by. Computed once per options. */
export function forwardCompatibleCoverage(options: CoveringOptions = {}): ForwardCompatibleCoverage {
  for (const flag of ['includeInactive', 'includeInactiveTargets'] as const)
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      throw new ScenarioOptionError(`${flag} must be a boolean, got ${JSON.stringify(options[flag])}`);
  const seed = options.seed === undefined ? '' : String(options.seed);
  const query = {
    includeInactive: options.includeInactive ?? false,
    includeInactiveTargets: options.includeInactiveTargets ?? false,
    targetRuleId: undefined,
  };
  const key = JSON.stringify([seed, query.includeInactive, query.includeInactiveTargets]);
  let coverage = computed.get(key);
  if (!coverage) {
    coverage = cover(seed, query);
    computed.set(key, coverage);
  }
  return structuredClone(coverage);
}

/** The fewest userIds (by greedy set cover) whose forwardCompatible bodies together use every latitude. */
export function coveringUserIds(options: CoveringOptions = {}): number[] {
  return forwardCompatibleCoverage(options).userIds;
}

const GROUPS_PATH = `data.${TARGET_PERIOD.groups}`;
/** The one latitude about values rather than shapes: a target group with targets, none of them current. */
const NO_CURRENT_PERIOD: Latitude = { kind: 'no-current-period', path: `${GROUPS_PATH}[]` };

function endedGroup(group: unknown): boolean {
  const targets = (group as Record<string, unknown> | null)?.[TARGET_PERIOD.targets];
  return (
    Array.isArray(targets) &&
    targets.length > 0 &&
    targets.every((target) => (target as Record<string, unknown> | null)?.[TARGET_PERIOD.flag] !== true)
  );
}

function cover(seed: string, query: UserQuery): ForwardCompatibleCoverage {
  const operation = operationsOf(contracts.targetGroups.document, contracts.targetGroups.dereferenced).find(
    (o) => o.operationId === 'getUserTargetGroups',
  ) as Operation;
  const dataSchema = dataSchemaOf(operation);
  const declared = [...declaredLatitudes(dataSchema, 'data'), NO_CURRENT_PERIOD];
  const wanted = new Set(declared.map(latitudeKey));
  const bodies = createUserBodies(operation, seed);
  const candidates: number[] = [];
  const shows = new Map<number, Set<string>>();
  const unseen = new Set(wanted);
  const measure = (userId: number) => {
    const body = bodies.forwardCompatible(String(userId), query);
    const used = latitudesOf(body, dataSchema, 'data');
    const groups = body[TARGET_PERIOD.groups];
    if (Array.isArray(groups) && groups.some(endedGroup)) used.add(latitudeKey(NO_CURRENT_PERIOD));
    const relevant = new Set([...used].filter((latitude) => wanted.has(latitude)));
    for (const latitude of relevant) unseen.delete(latitude);
    candidates.push(userId);
    shows.set(userId, relevant);
  };
  for (const userId of exampleUsers(operation).keys()) measure(Number(userId));
  for (let userId = 1; userId <= MAX_POOL && (userId <= POOL || unseen.size > 0); userId++) measure(userId);

  const missing = new Set(wanted);
  let chosen: number[] = [];
  while (missing.size > 0) {
    let best: number | undefined;
    let gain = 0;
    for (const userId of candidates) {
      let adds = 0;
      for (const latitude of shows.get(userId)!) if (missing.has(latitude)) adds++;
      if (adds > gain) {
        best = userId;
        gain = adds;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    for (const latitude of shows.get(best)!) missing.delete(latitude);
  }
  // A user chosen early may be redundant once the later ones are in: drop it.
  for (const userId of [...chosen]) {
    const others = chosen.filter((other) => other !== userId);
    const rest = new Set(others.flatMap((other) => [...shows.get(other)!]));
    if ([...shows.get(userId)!].every((latitude) => rest.has(latitude))) chosen = others;
  }

  return {
    userIds: chosen,
    latitudes: declared.map((latitude) => ({
      ...latitude,
      userIds: chosen.filter((userId) => shows.get(userId)!.has(latitudeKey(latitude))),
    })),
    uncovered: declared.filter((latitude) => missing.has(latitudeKey(latitude))),
  };
}
