import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LoadedSpec } from '../src/index.ts';

/**
 * A JSON Schema 2020-12 validator (strict mode) over the spec's dereferenced component schemas: each schema is
 * compiled as it stands, with every reference already replaced by the spec reader.
 */
export function schemaValidators(spec: LoadedSpec): (schemaName: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  // ajv-formats is CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    a: Ajv2020,
  ) => void;
  addFormats(ajv);
  // OpenAPI annotations that JSON Schema 2020-12 does not define; they carry no validation.
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'x-extensible-enum' });
  const compiled = new Map<string, ValidateFunction>();
  return (schemaName) => {
    const schema = spec.dereferenced.components.schemas[schemaName];
    if (!schema) throw new Error(`no schema ${schemaName} in the spec`);
    let validate = compiled.get(schemaName);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schemaName, validate);
    }
    return validate;
  };
}
