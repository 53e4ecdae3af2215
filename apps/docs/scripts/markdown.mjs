// A spec as Markdown (dist/index.md) and its llms.txt index: the whole reference for terminals, reviews and coding
// assistants, from what the spec reader answers: every operation with its parameters, security and responses, each
// response with its own named examples, and the bundled document (internal $refs kept) for the schemas, so each
// component schema is listed once and a property that is another component links to it.
import {
  componentName,
  isNullable,
  isNullSchema,
  migrationMapOf,
  resolveLocalRef,
  typesOf,
  unescapeKey,
} from '@target-groups/spec';
import { slug } from './redocly.mjs';
import { changesMarkdown } from './releaseHistory.mjs';

/** @typedef {import('@target-groups/spec').LoadedSpec} LoadedSpec */
/** @typedef {import('@target-groups/spec').Operation} Operation */
/** @typedef {import('./releaseHistory.mjs').ReleaseHistory} ReleaseHistory */
/** @typedef {Record<string, any>} Node */

/** @param {string} name the anchor of a schema's heading */
const anchor = (name) => `schema-${name.toLowerCase()}`;
/** @param {Operation} operation the anchor of an operation's heading */
export const operationAnchor = (operation) => `operation-${slug(operation.id)}`;
/** @param {string} text one table cell: no pipes or line breaks */
const cell = (text) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
/** @param {string} text */
const indent = (text, by = '  ') =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

/** Inline SVG diagrams become their title: Markdown readers get the ASCII picture in the description instead. */
/** @param {string | undefined} text */
function prose(text) {
  return (text ?? '')
    .replace(/<svg\b[\s\S]*?<title>([^<]*)<\/title>[\s\S]*?<\/svg>/g, '*(Diagram: $1.)*')
    .replace(/<svg\b[\s\S]*?<\/svg>/g, '')
    .trim();
}

/** Shifts every Markdown heading of an embedded description down so it nests under `level`. */
/** @param {string} text @param {number} level */
function nestHeadings(text, level) {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      if (fenced) return line;
      const m = /^(#{1,6})(\s.*)$/.exec(line);
      return m ? `${'#'.repeat(Math.min(6, (m[1] ?? '').length + level - 1))}${m[2]}` : line;
    })
    .join('\n');
}

/**
 * A schema's type as one line: `string (date-time)`, `integer (int64)`, `array of [Target](#schema-target)`,
 * `one of: A, B`, an enum with its values.
 * @param {Node} schema
 * @returns {string}
 */
function describeType(schema) {
  if (typeof schema.$ref === 'string') {
    const name = componentName(schema.$ref, 'schemas') ?? schema.$ref;
    return `[${name}](#${anchor(name)})`;
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (!Array.isArray(schema[key])) continue;
    const parts = schema[key].filter((/** @type {Node} */ s) => !isNullSchema(s)).map(describeType);
    return parts.length === 1 ? (parts[0] ?? 'any') : `${key === 'allOf' ? 'all of' : 'one of'}: ${parts.join(', ')}`;
  }
  const types = typesOf(schema).filter((t) => t !== 'null');
  let text = types.length > 0 ? types.join(' or ') : 'any';
  if (schema.format) text += ` (${schema.format})`;
  if (types.includes('array') && schema.items) text = `array of ${describeType(schema.items)}`;
  if (schema.pattern) text += `, pattern \`${schema.pattern}\``;
  return text;
}

/**
 * The enum note of a schema: its values, and whether the list is open (`x-extensible-enum: true`: other values
 * can come) or closed.
 * @param {Node} schema
 * @param {Node} doc the bundled document, to read the enum of a referenced schema
 * @returns {string}
 */
function enumNote(schema, doc) {
  const target = typeof schema.$ref === 'string' ? resolveLocalRef(/** @type {any} */ (doc), schema.$ref) : schema;
  if (!target || !Array.isArray(target.enum)) return '';
  const values = target.enum.filter((/** @type {unknown} */ v) => v !== null).map((v) => `\`${v}\``);
  return target['x-extensible-enum'] === true
    ? `Open enum (\`x-extensible-enum\`): ${values.join(', ')}, or a value not listed yet.`
    : `Closed enum: ${values.join(', ')}.`;
}

/**
 * Rows of a schema's property table, nested inline objects and arrays of objects flattened as `a.b` and
 * `a[].b`.
 * @param {Node} schema
 * @param {Node} doc the bundled document
 * @param {string} prefix
 * @returns {string[]}
 */
function propertyRows(schema, doc, prefix = '') {
  /** @type {string[]} */
  const rows = [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, property] of Object.entries(/** @type {Record<string, Node>} */ (schema.properties ?? {}))) {
    const path = `${prefix}${name}`;
    const notes = [
      prose(property.description),
      property.deprecated ? '**Deprecated.**' : '',
      enumNote(property, doc),
      property.example !== undefined ? `Example: \`${JSON.stringify(property.example)}\`.` : '',
    ].filter(Boolean);
    rows.push(
      `| \`${path}\` | ${cell(describeType(property))} | ${isNullable(property) ? 'yes' : 'no'} | ${
        required.has(name) ? 'required' : 'optional'
      } | ${cell(notes.join(' '))} |`,
    );
    if (property.properties) rows.push(...propertyRows(property, doc, `${path}.`));
    else if (property.items?.properties) rows.push(...propertyRows(property.items, doc, `${path}[].`));
  }
  return rows;
}

/**
 * @param {string} name
 * @param {Node} schema
 * @param {Node} doc the bundled document
 * @returns {string}
 */
function schemaSection(name, schema, doc) {
  const lines = [`<a id="${anchor(name)}"></a>`, '', `### ${name}`, ''];
  const description = prose(schema.description);
  if (description) lines.push(description, '');
  if (schema.deprecated) lines.push('**Deprecated.**', '');
  if (schema.properties) {
    lines.push(
      `Type: object${schema.additionalProperties === false ? ', no other properties' : ', other properties may appear'}.`,
      '',
      '| property | type | nullable | presence | notes |',
      '|---|---|---|---|---|',
      ...propertyRows(schema, doc),
      '',
    );
  } else {
    lines.push(`Type: ${describeType(schema)}${isNullable(schema) ? ', or `null`' : ''}.`, '');
    const note = enumNote(schema, doc);
    if (note) lines.push(note, '');
  }
  return lines.join('\n');
}

/**
 * Who may call: the alternatives of the operation's security, any one of which is enough.
 * @param {Operation} operation
 */
function securityLine(operation) {
  const ways = operation.security.map((way) => way.schemes.map((s) => `\`${s.name}\``).join(' and ') || 'none');
  return `Authentication: ${ways.length > 0 ? ways.join(' or ') : 'none'}.`;
}

/**
 * @param {Operation} operation
 * @param {Node} doc the bundled document
 * @returns {string[]}
 */
function operationSection(operation, doc) {
  const out = [
    `<a id="${operationAnchor(operation)}"></a>`,
    '',
    `## ${operation.method.toUpperCase()} ${operation.path}`,
    '',
    `**${operation.summary ?? operation.id}**${operation.operationId ? ` (\`operationId: ${operation.operationId}\`)` : ''}`,
    '',
  ];
  if (operation.deprecated) out.push('> **Deprecated.** See the description below for the replacement.', '');
  out.push(nestHeadings(prose(operation.description), 3), '', securityLine(operation), '');
  const samples = operation.dereferenced['x-codeSamples'];
  if (Array.isArray(samples) && samples.length > 0) {
    out.push('### Code samples', '');
    for (const sample of samples) {
      const fence = sample.lang === 'curl' ? 'sh' : 'ts';
      out.push(`${sample.label ?? sample.lang}:`, '', `\`\`\`${fence}`, String(sample.source).trimEnd(), '```', '');
    }
  }
  out.push('### Parameters', '');
  if (operation.parameters.length === 0) out.push('None.', '');
  for (const parameter of operation.parameters) {
    const { schema, definition } = parameter;
    const facts = [
      parameter.in,
      describeType(schema),
      parameter.required ? 'required' : 'optional',
      schema.default !== undefined ? `default \`${JSON.stringify(schema.default)}\`` : '',
      definition.example !== undefined ? `example \`${JSON.stringify(definition.example)}\`` : '',
    ].filter(Boolean);
    out.push(`- \`${parameter.name}\` (${facts.join(', ')})`, '', indent(prose(parameter.description)), '');
    const note = enumNote(schema, doc);
    if (note) out.push(indent(note), '');
  }
  out.push('### Responses', '');
  for (const response of operation.responses) {
    out.push(`#### ${response.status}`, '', prose(response.description), '');
    for (const [header, value] of Object.entries(response.headers)) {
      out.push(`- Header \`${header}\`: ${cell(prose(/** @type {string | undefined} */ (value.description)))}`);
    }
    if (response.mediaType)
      out.push('', `Body (\`${response.mediaType}\`): ${describeType(response.bundledSchema ?? {})}.`, '');
    for (const example of response.examples) {
      out.push(
        `Example \`${example.name}\`${example.summary ? `: ${example.summary}` : ''}`,
        '',
        ...(example.description ? [prose(example.description), ''] : []),
        '```json',
        JSON.stringify(example.value, null, 2),
        '```',
        '',
      );
    }
    out.push('');
  }
  return out;
}

// The "Migrating to Loyalty Promotions" section: the spec reader's migration map (x-replaced-by, x-migration-note on
// each property of the response schemas) as one table. The same Markdown follows the description in the HTML page.

/**
 * `promotions.yaml#/components/schemas/PromotionMilestone/properties/trackingType` → `PromotionMilestone.trackingType`
 * (`file: pointer` for a reference of another shape).
 * @param {string} ref
 */
export function fieldOfReference(ref) {
  const [file = '', fragment = ''] = ref.split('#');
  const m = /^\/components\/schemas\/([^/]+)\/properties\/([^/]+)$/.exec(fragment);
  return m ? `${unescapeKey(m[1] ?? '')}.${unescapeKey(m[2] ?? '')}` : `${file}: ${fragment}`;
}

/** @type {WeakMap<LoadedSpec, import('@target-groups/spec').MigrationMap>} */
const migrationMaps = new WeakMap();

/**
 * The spec's migration map, read once per spec: the build asks for its section, its warnings and index.md's copy, and
 * each read parses the replacing contract.
 * @param {LoadedSpec} spec
 */
function migrationMap(spec) {
  let map = migrationMaps.get(spec);
  if (!map) {
    map = migrationMapOf(spec);
    migrationMaps.set(spec, map);
  }
  return map;
}

/**
 * The section, or '' when the spec carries no migration map or one with problems (see `migrationWarnings`). `level` is the heading level of its title.
 * @param {LoadedSpec} spec
 * @param {number} [level]
 * @returns {string}
 */
export function migrationMarkdown(spec, level = 2) {
  const { entries, problems } = migrationMap(spec);
  if (entries.length === 0) return '';
  // A table that looks complete but is not would send a reader to a wrong field or to none: the build warns instead.
  if (problems.length > 0) return '';
  const files = [...new Set(entries.flatMap((e) => (e.replacedBy ? [e.replacedBy.split('#')[0]] : [])))];
  const none = entries.filter((e) => e.replacedBy === null).length;
  const lines = [
    `${'#'.repeat(level)} Migrating to Loyalty Promotions`,
    '',
    `Where each field of this contract's responses lives in the API that replaces it (${files.map((f) => `\`${f}\``).join(', ') || 'none named'}),`,
    `or *none* and why. ${entries.length} fields: ${entries.length - none} with an equivalent, ${none} without one.`,
    "The replacing API describes promotion definitions of the organisation; a user's progress (achieved values,",
    'milestones reached, streak counts) has no documented equivalent there.',
    '',
    '| Old field | New field | Note |',
    '|---|---|---|',
  ];
  for (const entry of entries) {
    const replacement = entry.replacedBy === null ? '*none*' : `\`${fieldOfReference(entry.replacedBy)}\``;
    lines.push(`| \`${entry.schema}.${entry.property}\` | ${replacement} | ${cell(entry.note ?? '')} |`);
  }
  return lines.join('\n');
}

/**
 * @param {LoadedSpec} spec
 * @param {ReleaseHistory} history
 * @returns {string}
 */
export function contractMarkdown(spec, history) {
  const doc = /** @type {Node} */ (spec.document);
  const out = [`# ${doc.info.title}`, ''];
  if (doc.info.summary) out.push(`${doc.info.summary}`, '');
  out.push(
    `OpenAPI ${doc.openapi}, contract version ${doc.info.version}. This file is generated from the contract,`,
    'as the HTML reference beside it is; it is the whole reference in one file.',
    '',
    nestHeadings(prose(doc.info.description), 2),
    '',
    migrationMarkdown(spec, 2),
    '',
    '## Servers',
    '',
  );
  for (const server of doc.servers ?? []) out.push(`- \`${server.url}\`: ${cell(server.description ?? '')}`);
  out.push('', '## Security', '');
  for (const [name, scheme] of Object.entries(
    /** @type {Record<string, Node>} */ (doc.components.securitySchemes ?? {}),
  )) {
    const how =
      scheme.type === 'http'
        ? `HTTP ${scheme.scheme}`
        : scheme.type === 'apiKey'
          ? `\`${scheme.name}\` ${scheme.in}`
          : scheme.type;
    out.push(`### ${name} (${how})`, '', prose(scheme.description), '');
  }
  for (const tag of doc.tags ?? []) out.push(`## ${tag.name}`, '', nestHeadings(prose(tag.description), 3), '');
  for (const operation of spec.operations) out.push(...operationSection(operation, doc));
  out.push(
    '## Schemas',
    '',
    "Every component schema, with each property's type, whether it can be `null`, and whether it is always present (required) or may be absent (optional).",
    '',
  );
  for (const [name, schema] of Object.entries(doc.components.schemas)) out.push(schemaSection(name, schema, doc));
  out.push(changesMarkdown(history, 2), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * llms.txt (https://llmstxt.org): the title, a one-line summary, every operation, and links to the full reference.
 * @param {LoadedSpec} spec
 * @returns {string}
 */
export function llmsTxt(spec) {
  const { info, openapi } = /** @type {Node} */ (spec.document);
  return [
    `# ${info.title}`,
    '',
    `> ${cell(info.summary ?? '')}`,
    '',
    `OpenAPI ${openapi} contract, version ${info.version}.`,
    '',
    '## Operations',
    '',
    ...spec.operations.map(
      (operation) =>
        `- [${operation.method.toUpperCase()} ${operation.path}](index.md#${operationAnchor(operation)}): ${cell(operation.summary ?? operation.id)}${operation.deprecated ? ' (deprecated)' : ''}`,
    ),
    '',
    '## Reference',
    '',
    '- [The whole reference in Markdown](index.md): every operation, parameter, response and schema property (type, nullability, presence, enums), the named examples, and the changes of each release',
    '- [The same reference as a web page](index.html)',
    '',
  ].join('\n');
}

/**
 * Why the section is left out of a spec's docs: each problem of its migration map (a missing entry, a reference that
 * does not resolve, as in a copy of the contract without the replacing contract beside it).
 * @param {LoadedSpec} spec
 * @returns {string[]}
 */
export function migrationWarnings(spec) {
  const { entries, problems } = migrationMap(spec);
  if (entries.length === 0 || problems.length === 0) return [];
  return [
    `the migration map has ${problems.length} problem(s), so "Migrating to Loyalty Promotions" is left out:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`,
  ];
}
