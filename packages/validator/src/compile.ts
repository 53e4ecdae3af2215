// Ajv, set up once for both ways the contract is compiled: at run time here (a spec given to createValidator), and
// at build time by ./standalone.ts (the built-in contract), which passes the `code` options of standalone output.
import type { CodeOptions, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { CompiledContract } from './engine.js';
import { contractFormats } from './formats.js';
import type { ContractModel, Schema } from './model.js';

// ajv-formats is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on which object the
// default import is, so take the function from wherever it is.
type FormatsPlugin = typeof addFormatsModule.default;
const addFormats: FormatsPlugin =
  typeof addFormatsModule === 'function'
    ? (addFormatsModule as unknown as FormatsPlugin)
    : (addFormatsModule as unknown as { default: FormatsPlugin }).default;

export function newAjv(model: ContractModel, code?: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020({
    // Every defect with its data and schema: errors and warnings (see driftRules.ts) come from the same pass.
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    allowUnionTypes: true,
    strictRequired: false,
    // A property named like one of Object.prototype's (`constructor`, `valueOf`) is absent unless the body has it.
    ownProperties: true,
    ...(code && { code }),
  });
  // Every format ajv-formats knows (a spec of the caller's may use any), the contract's own over them.
  addFormats(ajv);
  for (const [name, format] of Object.entries(contractFormats)) ajv.addFormat(name, format);
  for (const keyword of model.annotationKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  for (const format of model.formats) {
    // Formats that no validator defines are annotations, not constraints.
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  for (const schema of model.components) ajv.addSchema(schema);
  return ajv;
}

/** The model compiled by Ajv in this process (code generated with `new Function`), each schema on first use. */
export function compileAtRunTime(model: ContractModel): CompiledContract {
  const ajv = newAjv(model);
  const compiled = new WeakMap<Schema, ValidateFunction>();
  const compile = (schema: Schema) => {
    let fn = compiled.get(schema);
    if (!fn) {
      fn = ajv.compile(schema);
      compiled.set(schema, fn);
    }
    return fn;
  };
  return {
    operations: model.operations.map(({ operation, responses }) => ({
      id: operation.id,
      statuses: [...responses.keys()],
      response(key) {
        const schema = responses.get(key);
        return schema && compile(schema);
      },
    })),
    branch: compile,
  };
}
