#!/usr/bin/env node
// Generates, for each spec of @target-groups/spec (SPECS below), the types (schema.ts) and each open enum's known
// values and guard (enums.ts), in one openapi-typescript pass per spec: src/generated/ from the contract
// (spec/targetGroups.yaml), src/generated/promotions/ from the contract of its replacement (spec/promotions.yaml).
//   node scripts/generate.mjs                 write the committed files
//   node scripts/generate.mjs --check         regenerate into a temporary folder and fail when a committed one differs
//   node scripts/generate.mjs --spec F [--out O [--enums-out E]]   the contract's outputs from another spec (used by
//                                             the tests); with --out and without --enums-out only the types
//   node scripts/generate.mjs --promotions-spec F   the promotions outputs from another spec (used by the tests)
// The options are explained in README.md ("How the types are generated"); keep the two in step.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readSpecFiles } from '@target-groups/spec/guard';
import openapiTS, { astToString, NULL, STRING } from 'openapi-typescript';
import ts from 'typescript';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = path.join(packageDir, 'src/generated/schema.ts');
const committedEnumsPath = path.join(packageDir, 'src/generated/enums.ts');

/** Each spec and its committed outputs; the first is the contract, the one `--spec` replaces. */
const SPECS = Object.freeze([
  { name: 'targetGroups.yaml', schema: committedPath, enums: committedEnumsPath },
  {
    name: 'promotions.yaml',
    schema: path.join(packageDir, 'src/generated/promotions/schema.ts'),
    enums: path.join(packageDir, 'src/generated/promotions/enums.ts'),
  },
]);

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
  if (!isOpenEnum(schema)) return undefined;
  const f = ts.factory;
  const members = schema.enum.map((value) => f.createLiteralTypeNode(f.createStringLiteral(value)));
  members.push(f.createParenthesizedType(f.createIntersectionTypeNode([STRING, f.createTypeLiteralNode([])])));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null')) members.push(NULL);
  return f.createUnionTypeNode(members);
}

function isOpenEnum(schema) {
  return schema?.['x-extensible-enum'] === true && Array.isArray(schema.enum);
}

/** `TargetType` → `TARGET_TYPES`, `KnownTargetType`, `isKnownTargetType` (`TargetEntity` → `TARGET_ENTITIES`). */
export function enumExportNames(name) {
  const words = name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name];
  const last = words.at(-1).toUpperCase();
  const plural = /[^AEIOU]Y$/.test(last)
    ? `${last.slice(0, -1)}IES`
    : /(S|X|CH|SH)$/.test(last)
      ? `${last}ES`
      : `${last}S`;
  const values = [...words.slice(0, -1).map((word) => word.toUpperCase()), plural].join('_');
  return { values, known: `Known${name}`, guard: `isKnown${name}` };
}

/**
 * The name an open enum is exported under: its component's (`#/components/schemas/TargetType` → `TargetType`), or
 * for one written inline, its component's and the property path's (`.../Target/properties/channel` → `TargetChannel`).
 */
function enumName(pointer) {
  const parts = pointer
    .replace(/^#\/components\/schemas\//, '')
    .split('/')
    .filter((part) => !['properties', 'items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties'].includes(part))
    .filter((part) => !/^\d+$/.test(part));
  return parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1).replace(/[^A-Za-z0-9]/g, '')).join('');
}

const enumsHeader = (specName) => `/**
 * Generated from spec/${specName} by packages/types/scripts/generate.mjs: for each open enum
 * (\`x-extensible-enum\`), the values this version of the contract knows and a guard that tells them from a value the
 * vendor added since. Do not edit by hand: change the spec, then run \`pnpm generate\`.
 */
`;

/** enums.ts for the open enums openapi-typescript met, in the spec's order. */
function enumsSource(openEnums, specName) {
  const blocks = [...openEnums].map(([pointer, values]) => {
    const name = enumName(pointer);
    const names = enumExportNames(name);
    const list = values.map((value) => JSON.stringify(value)).join(', ');
    return `/** The known values of \`${name}\`, in the spec's order. */
export const ${names.values} = Object.freeze([${list}] as const);
/** A value of \`${name}\` this version of the contract knows. */
export type ${names.known} = (typeof ${names.values})[number];
/** Whether \`value\` is one of {@link ${names.values}}: narrows a \`${name}\` (or anything) to {@link ${names.known}}. */
export function ${names.guard}(value: unknown): value is ${names.known} {
  return (${names.values} as readonly unknown[]).includes(value);
}
`;
  });
  return `${enumsHeader(specName)}\n${blocks.join('\n')}`;
}

const header = (specName) => `/**
 * Generated from spec/${specName} by packages/types/scripts/generate.mjs (openapi-typescript).
 * Do not edit by hand: change the spec, then run \`pnpm generate\`.
 */

`;

/** The types of a spec: the text of schema.ts (`input`: a spec file's path, or an OpenAPI document already read). */
export async function generate(input, specName) {
  return (await generateFiles(input, specName)).schema;
}

/**
 * The types (schema.ts) and the open enums' values and guards (enums.ts) of a spec, from one pass. `specName` is the
 * file the headers say they are generated from (default: the contract's).
 */
export async function generateFiles(input, specName = SPECS[0].name) {
  // openapi-typescript resolves every $ref (fetching URLs) and walks expanded YAML aliases: the spec reader's
  // guard refuses a remote or out-of-tree $ref and an alias bomb first. A document already read has been through it.
  if (typeof input === 'string') readSpecFiles(input);
  const source = typeof input === 'string' ? pathToFileURL(input) : input;
  const openEnums = new Map();
  const ast = await openapiTS(source, {
    ...OPTIONS,
    transform(schema, options) {
      if (isOpenEnum(schema) && options.path && !openEnums.has(options.path))
        openEnums.set(
          options.path,
          schema.enum.filter((value) => typeof value === 'string'),
        );
      return transform(schema);
    },
  });
  return { schema: header(specName) + astToString(ast), enums: enumsSource(openEnums, specName) };
}

function defaultSpecPath(name) {
  const require = createRequire(import.meta.url);
  return require.resolve(`@target-groups/spec/${name}`);
}

function argValue(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * What to generate: every spec with its committed files; with `--spec` the contract's outputs (or `--out`,
 * `--enums-out`) from another spec; with `--promotions-spec` the promotions outputs from another spec.
 */
function jobsOf(args) {
  const spec = argValue(args, '--spec');
  const promotionsSpec = argValue(args, '--promotions-spec');
  if (spec === undefined && promotionsSpec === undefined)
    return SPECS.map(({ name, schema, enums }) => ({
      specPath: defaultSpecPath(name),
      specName: name,
      targets: [
        { key: 'schema', file: schema },
        { key: 'enums', file: enums },
      ],
    }));
  if (spec === undefined) {
    const { name, schema, enums } = SPECS[1];
    return [
      {
        specPath: path.resolve(promotionsSpec),
        specName: name,
        targets: [
          { key: 'schema', file: schema },
          { key: 'enums', file: enums },
        ],
      },
    ];
  }
  const custom = argValue(args, '--out') !== undefined;
  const targets = [
    { key: 'schema', file: path.resolve(argValue(args, '--out') ?? committedPath) },
    { key: 'enums', file: argValue(args, '--enums-out') ?? (custom ? undefined : committedEnumsPath) },
  ].filter((target) => target.file !== undefined);
  return [{ specPath: path.resolve(spec), specName: SPECS[0].name, targets }];
}

const rel = (file) => path.relative(process.cwd(), file);

/** Whether every target matches what the spec generates now (writing into a temporary folder, not over them). */
function upToDate(generated, targets) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'target-groups-types-'));
  let fresh = true;
  try {
    for (const { key, file } of targets) {
      writeFileSync(path.join(scratch, key), generated[key]);
      const expected = readFileSync(path.join(scratch, key), 'utf8');
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (committed === expected) {
        console.log(`types: ${rel(file)} is up to date with the spec`);
        continue;
      }
      fresh = false;
      console.error(
        committed === undefined
          ? `types: ${rel(file)} is missing. Run \`pnpm generate\` and commit it.`
          : `types: ${rel(file)} is stale: it does not match the spec. Run \`pnpm generate\` and commit the result.`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return fresh;
}

async function main() {
  const args = process.argv.slice(2);
  let stale = false;
  for (const { specPath, specName, targets } of jobsOf(args)) {
    let generated;
    try {
      generated = await generateFiles(specPath, specName);
    } catch (error) {
      console.error(`types: cannot generate from ${specPath}: ${error?.message ?? error}`);
      process.exit(2);
    }
    if (args.includes('--check')) {
      if (!upToDate(generated, targets)) stale = true;
      continue;
    }
    for (const { key, file } of targets) {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      writeFileSync(file, generated[key]);
      console.log(`types: wrote ${rel(path.resolve(file))}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
