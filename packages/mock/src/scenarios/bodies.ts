// The `data` of a user's 200 answer, as the engine serves it and the covering set (covering.ts) reads it: one
// definition, so that the users coveringUserIds() picks get exactly the bodies it measured.
import { contract, type ContractExample } from './contract.js';
import { driftForward } from './drift.js';
import { type GeneratedUser, type UserQuery, filterUser, generateUser, narrowToRule } from './users.js';

type Body = Record<string, unknown>;

/** Stands for a userId beyond 2^53 in the body object; replaced by the digits in the JSON text. */
export const BIG_ID = '\u0000userId';
const MAX_CACHED = 256;

/** The userIds of the named 200 examples, each answered with its example. */
export const exampleUsers = new Map<string, ContractExample>(
  contract.examples
    .filter((example) => example.status === 200)
    .flatMap((example) => {
      const userId = (example.value as { data?: { userId?: unknown } } | null)?.data?.userId;
      return typeof userId === 'number' ? [[String(userId), example] as const] : [];
    }),
);

/** A bounded map: the least recently used entry goes first, so memory stays flat however many users are asked. */
export class Recent<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface UserBodies {
  /** The user's answer for the query (`userId` in decimal, as validated). */
  data(userId: string, query: UserQuery): Body;
  /** The same, drifted across the contract's latitude (the `forwardCompatible` scenario). */
  forwardCompatible(userId: string, query: UserQuery): Body;
}

/** Users of one seed (`''`: the default set), the most recently asked kept generated. */
export function createUserBodies(seed: string): UserBodies {
  const users = new Recent<GeneratedUser>(MAX_CACHED);
  const generated = (userId: string): GeneratedUser => {
    let user = users.get(userId);
    if (!user) {
      const id = Number(userId);
      user = generateUser(userId, Number.isSafeInteger(id) ? id : BIG_ID, seed);
      users.set(userId, user);
    }
    return user;
  };
  const data = (userId: string, query: UserQuery): Body => {
    const example = exampleUsers.get(userId);
    if (!example) return filterUser(generated(userId), query);
    const body = (example.value as { data: Body }).data;
    // An example user answers with the example itself; only `targetRuleId` narrows it.
    return query.targetRuleId === undefined
      ? body
      : { ...body, targetGroups: narrowToRule(body.targetGroups as Body[], query.targetRuleId) };
  };
  return {
    data,
    forwardCompatible: (userId, query) => driftForward(data(userId, query), `${seed}:${userId}`),
  };
}
