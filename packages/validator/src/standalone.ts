// The built-in contract compiled at build time (scripts/generate.mjs runs this): Ajv's standalone code for the
// response schema of each declared status of every operation and for each anyOf/oneOf branch on its own (what the engine recompiles a
// failed union's branches with), as one ES module. At run time it is plain code: no Ajv compiler, no `new Function`.
import { _, type ValidateFunction } from 'ajv';
import ajvStandalone from 'ajv/dist/standalone/index.js';
import { newAjv } from './compile.js';
import { buildModel, type ContractModel, type Schema, type SpecDocuments } from './model.js';
import { UNION_BRANCH } from './schemaMarks.js';

// CommonJS with `exports.default` (see ./compile.ts on ajv-formats): the function from wherever it is.
type StandaloneCode = typeof ajvStandalone.default;
const standaloneCode: StandaloneCode =
  (ajvStandalone as unknown as { default?: StandaloneCode }).default ?? (ajvStandalone as unknown as StandaloneCode);

/** Marks each anyOf/oneOf branch of the model with its index, and returns the branches in that order. */
function markBranches(model: ContractModel): Schema[] {
  const branches: Schema[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value))
        for (const branch of value)
          if (typeof branch === 'object' && branch !== null && !(UNION_BRANCH in branch)) {
            (branch as Schema)[UNION_BRANCH] = branches.length;
            branches.push(branch as Schema);
          }
      walk(value);
    }
  };
  for (const schema of model.components) walk(schema);
  for (const operation of model.operations) for (const schema of operation.responses.values()) walk(schema);
  model.annotationKeywords.add(UNION_BRANCH);
  return branches;
}

/** The module's text: `operations` (id, and status key → validate function or null, in the spec's order), `branches`. */
export function standaloneModule(spec: SpecDocuments): string {
  const model = buildModel(spec);
  const branches = markBranches(model);
  // Formats are referred to by name in the code: the module imports the same definitions the run-time path uses.
  const ajv = newAjv(model, { source: true, esm: true, formats: _`contractFormats` });
  const exported: Record<string, string> = {};
  const operations = model.operations.map(({ operation, responses }, index) => {
    const entries = [...responses].map(([key, schema]) => {
      if (!schema) return `[${JSON.stringify(key)}, null]`;
      const name = `response${index}_${key.replace(/\W/g, '_')}`;
      ajv.addSchema(schema, name);
      exported[name] = name;
      return `[${JSON.stringify(key)}, ${name}]`;
    });
    return `{ id: ${JSON.stringify(operation.id)}, responses: [${entries.join(', ')}] }`;
  });
  branches.forEach((branch, i) => {
    ajv.addSchema(branch, `branch${i}`);
    exported[`branch${i}`] = `branch${i}`;
  });
  // Compiles every exported schema; throws on what Ajv cannot compile, so that the build fails rather than ship it.
  for (const name of Object.keys(exported)) ajv.getSchema(name) as ValidateFunction;
  const { code, imports } = asEsModule(standaloneCode(ajv, exported));
  return [
    '// Generated at build time by scripts/generate.mjs from the spec (src/standalone.ts): do not edit.',
    `import { contractFormats } from '../formats.js';`,
    ...imports,
    code,
    `export const operations = [${operations.join(', ')}];`,
    `export const branches = [${branches.map((_, i) => `branch${i}`).join(', ')}];`,
    '',
  ].join('\n');
}

/**
 * Ajv's standalone code `require`s its run-time helpers (`ucs2length` for string lengths, `equal` for object enums)
 * even in ESM output: each becomes an import. The helpers are CommonJS with `exports.default`, which Node's ESM
 * loader and bundlers expose differently, hence the fallback.
 */
function asEsModule(code: string): { code: string; imports: string[] } {
  const imports: string[] = [];
  const rewritten = code.replace(/require\("ajv\/dist\/runtime\/(\w+)"\)\.default/g, (_match, helper: string) => {
    const name = `ajvRuntime_${helper}`;
    if (!imports.some((line) => line.includes(` ${name}Module `)))
      imports.push(
        `import * as ${name}Module from 'ajv/dist/runtime/${helper}.js';`,
        `const ${name} = ${name}Module.default.default ?? ${name}Module.default;`,
      );
    return name;
  });
  const left = /require\([^)]*\)/.exec(rewritten);
  if (left) throw new Error(`the standalone code needs a module this build does not import: ${left[0]}`);
  return { code: rewritten, imports };
}

/** The module's declarations, for TypeScript. */
export const STANDALONE_DECLARATIONS = `// Generated at build time by scripts/generate.mjs: do not edit.
import type { ValidateFunction } from 'ajv';
export declare const operations: { id: string; responses: [string, ValidateFunction | null][] }[];
export declare const branches: ValidateFunction[];
`;
