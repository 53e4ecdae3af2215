#!/usr/bin/env node
// Generates src/generated/schema.ts from the contract (spec/targetGroups.yaml).
//   node scripts/generate.mjs                 write the committed file
//   node scripts/generate.mjs --check         regenerate into a temporary file and fail when the committed one differs
//   node scripts/generate.mjs --spec F --out O   other input/output (used by the tests)
// The options are explained in README.md ("How the types are generated"); keep the two in step.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, NULL, STRING } from 'openapi-typescript';
import ts from 'typescript';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = path.join(packageDir, 'src/generated/schema.ts');

export const OPTIONS = Object.freeze({
  // A `default` describes what the server assumes when a value is not sent; it does not make a response
  // property present, so it must not turn an optional property into a required one.
  defaultNonNullable: false,
  // A bare `type: object` (free-form bag such as commChannel `attributes`) is "anything", not "nothing".
  emptyObjectsUnknown: true,
  // Keep the spec's property order: it follows the vendor's bodies, so the generated file reads like a response
  // and a spec change shows up in the same place in the type diff.
  alphabetize: false,
  // Interfaces (not type aliases): better error messages and hover output in editors.
  exportType: false,
  // String-literal unions, not TS `enum`s: no runtime code, works with `isolatedModules`/`erasableSyntaxOnly`,
  // and an open enum cannot be a TS enum anyway (see transform below).
  enum: false,
  // Deprecated legacy fields are still sent by the API; they stay in the types, marked `@deprecated`.
  excludeDeprecated: false,
  // Respect each schema's own `additionalProperties` instead of adding an index signature everywhere.
  additionalProperties: false,
  // Friendly names are written by hand in src/index.ts; root aliases would duplicate them.
  rootTypes: false,
  silent: true,
});

/** Renders `x-extensible-enum: true` string enums as `"A" | "B" | (string & {})`: known values autocomplete,
 *  unknown ones still type-check (vendor enums grow; the client passes them through). */
export function transform(schema) {
  if (schema?.['x-extensible-enum'] !== true || !Array.isArray(schema.enum)) return undefined;
  const f = ts.factory;
  const members = schema.enum.map((value) => f.createLiteralTypeNode(f.createStringLiteral(value)));
  members.push(f.createParenthesizedType(f.createIntersectionTypeNode([STRING, f.createTypeLiteralNode([])])));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null')) members.push(NULL);
  return f.createUnionTypeNode(members);
}

const HEADER = `/**
 * Generated from spec/targetGroups.yaml by packages/types/scripts/generate.mjs (openapi-typescript).
 * Do not edit by hand: change the spec, then run \`pnpm generate\`.
 */

`;

/** The committed file's text for a spec file, or for an OpenAPI document already read (`input`: a path or an object). */
export async function generate(input) {
  const source = typeof input === 'string' ? pathToFileURL(input) : input;
  const ast = await openapiTS(source, { ...OPTIONS, transform });
  return HEADER + astToString(ast);
}

function defaultSpecPath() {
  const require = createRequire(import.meta.url);
  return require.resolve('@target-groups/spec/targetGroups.yaml');
}

function argValue(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const specPath = path.resolve(argValue(args, '--spec') ?? defaultSpecPath());
  const outPath = path.resolve(argValue(args, '--out') ?? committedPath);
  let source;
  try {
    source = await generate(specPath);
  } catch (error) {
    console.error(`types: cannot generate from ${specPath}: ${error?.message ?? error}`);
    process.exit(2);
  }
  if (args.includes('--check')) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'target-groups-types-'));
    try {
      writeFileSync(path.join(scratch, 'schema.ts'), source);
      const fresh = readFileSync(path.join(scratch, 'schema.ts'), 'utf8');
      const committed = existsSync(outPath) ? readFileSync(outPath, 'utf8') : undefined;
      if (committed !== fresh) {
        const rel = path.relative(process.cwd(), outPath);
        console.error(
          committed === undefined
            ? `types: ${rel} is missing. Run \`pnpm generate\` and commit it.`
            : `types: ${rel} is stale: it does not match the spec. Run \`pnpm generate\` and commit the result.`,
        );
        process.exit(1);
      }
      console.log(`types: ${path.relative(process.cwd(), outPath)} is up to date with the spec`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return;
  }
  mkdirSync(path.dirname(outPath), { recursive: true });
  writeFileSync(outPath, source);
  console.log(`types: wrote ${path.relative(process.cwd(), outPath)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
