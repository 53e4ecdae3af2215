// `@target-groups/validator/precompiled`: the built-in contract's validator, compiled at build time (src/generated,
// written by scripts/generate.mjs through ./standalone.ts) for every operation of the spec. It loads no Ajv compiler
// and generates no code at run time, so it runs where a Content Security Policy forbids `unsafe-eval`; it is what the
// client's drift monitor loads.
import { type ContractValidator, validatorOf } from './engine.js';
import { branches, operations } from './generated/contract.js';
import { UNION_BRANCH } from './schemaMarks.js';

export type { ContractValidator } from './engine.js';
export type { Severity, Violation, ViolationKind } from './violation.js';

let shared: ContractValidator | undefined;

/**
 * The built-in contract's validator (shared), for its operation `operationId` (default: the spec's first); `maxDepth`
 * bounds the nesting `validateText` parses (default 1000).
 */
export function createPrecompiledValidator(
  options: { operationId?: string; maxDepth?: number } = {},
): ContractValidator {
  if (options.maxDepth === undefined && shared)
    return options.operationId ? shared.forOperation(options.operationId) : shared;
  const validator = validatorOf(
    {
      operations: operations.map(({ id, responses }) => {
        const byKey = new Map(responses);
        return { id, statuses: [...byKey.keys()], response: (key) => byKey.get(key) ?? undefined };
      }),
      branch: (schema) => {
        const fn = branches[schema[UNION_BRANCH] as number];
        if (!fn) throw new Error(`no compiled validator for union branch ${String(schema[UNION_BRANCH])}`);
        return fn;
      },
    },
    'ahead-of-time',
    { maxDepth: options.maxDepth },
  );
  if (options.maxDepth === undefined) shared = validator;
  return options.operationId ? validator.forOperation(options.operationId) : validator;
}
