// `@target-groups/validator/precompiled`: the built-in contract's validator, compiled at build time (src/generated,
// written by scripts/generate.mjs through ./standalone.ts). It loads no Ajv compiler and generates no code at run
// time, so it runs where a Content Security Policy forbids `unsafe-eval`; it is what the client's drift monitor loads.
import { type ContractValidator, Engine } from './engine.js';
import { branches, pathTemplates, queryParameters, responses, statuses } from './generated/contract.js';
import { UNION_BRANCH } from './schemaMarks.js';

export type { ContractValidator } from './engine.js';
export type { Severity, Violation } from './violation.js';

let shared: ContractValidator | undefined;

/** The built-in contract's validator (shared); `maxDepth` bounds the nesting `validateText` parses (default 1000). */
export function createPrecompiledValidator(options: { maxDepth?: number } = {}): ContractValidator {
  if (options.maxDepth === undefined && shared) return shared;
  const engine = new Engine(
    {
      statuses,
      pathTemplates,
      queryParameters,
      response: (key) => responses[key] ?? undefined,
      branch: (schema) => {
        const fn = branches[schema[UNION_BRANCH] as number];
        if (!fn) throw new Error(`no compiled validator for union branch ${String(schema[UNION_BRANCH])}`);
        return fn;
      },
    },
    'ahead-of-time',
    options.maxDepth,
  );
  if (options.maxDepth === undefined) shared = engine;
  return engine;
}
