// The contract as Markdown (dist/index.md) and its llms.txt index: the whole reference for terminals, reviews
// and coding assistants, from the same document the HTML page renders (the spec reader's bundled document and
// named examples). Component schemas are listed once each; a property that is another component links to it.
import { resolveLocalRef } from '@target-groups/spec';
import { changesMarkdown } from './releaseHistory.mjs';

/** @typedef {import('@target-groups/spec').LoadedSpec} LoadedSpec */
/** @typedef {import('./releaseHistory.mjs').ReleaseHistory} ReleaseHistory */
/** @typedef {Record<string, any>} Node */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** @param {string} ref */
const componentName = (ref) => ref.slice(ref.lastIndexOf('/') + 1);
/** @param {string} name GitHub-style heading anchor of a schema's heading */
const anchor = (name) => `schema-${name.toLowerCase()}`;
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
export function describeType(schema) {
  if (typeof schema.$ref === 'string') {
    const name = componentName(schema.$ref);
    return `[${name}](#${anchor(name)})`;
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(schema[key])) {
      const parts = schema[key].filter((s) => s?.type !== 'null').map(describeType);
      const joined = key === 'allOf' ? `all of: ${parts.join(', ')}` : parts.join(' or ');
      return parts.length === 1 ? (parts[0] ?? '') : key === 'allOf' ? joined : `one of: ${parts.join(', ')}`;
    }
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t && t !== 'null');
  let text = types.length > 0 ? types.join(' or ') : 'any';
  if (schema.format) text += ` (${schema.format})`;
  if (types.includes('array') && schema.items) text = `array of ${describeType(schema.items)}`;
  if (schema.pattern) text += `, pattern \`${schema.pattern}\``;
  return text;
}

/** @param {Node} schema */
export function isNullable(schema) {
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (schema.type === 'null' || schema.const === null) return true;
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(schema[key]) && schema[key].some((/** @type {Node} */ s) => isNullable(s))) return true;
  }
  return Array.isArray(schema.enum) && schema.enum.includes(null);
}

/**
 * The enum note of a schema: its values, and whether the list is open (`x-extensible-enum: true`: other values
 * can come) or closed.
 * @param {Node} schema
 * @param {Node} doc the bundled document, to read the enum of a referenced schema
 * @returns {string}
 */
export function enumNote(schema, doc) {
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
    const items = property.items;
    if (property.properties) rows.push(...propertyRows(property, doc, `${path}.`));
    else if (items && typeof items === 'object' && !items.$ref && items.properties) {
      rows.push(...propertyRows(items, doc, `${path}[].`));
    }
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
 * @param {LoadedSpec} spec
 * @param {ReleaseHistory} history
 * @returns {string}
 */
export function contractMarkdown(spec, history) {
  const doc = /** @type {Node} */ (spec.document);
  const components = /** @type {Record<string, Node>} */ (doc.components?.schemas ?? {});
  const out = [`# ${doc.info.title}`, ''];
  if (doc.info.summary) out.push(`${doc.info.summary}`, '');
  out.push(
    `OpenAPI ${doc.openapi}, contract version ${doc.info.version}. This file is generated from the contract,`,
    'as the HTML reference beside it is; it is the whole reference in one file.',
    '',
  );
  out.push(nestHeadings(prose(doc.info.description), 2), '');

  out.push('## Servers', '');
  for (const server of doc.servers ?? []) out.push(`- \`${server.url}\`: ${cell(server.description ?? '')}`);
  out.push('', '## Security', '');
  for (const [name, scheme] of Object.entries(
    /** @type {Record<string, Node>} */ (doc.components?.securitySchemes ?? {}),
  )) {
    const how =
      scheme.type === 'http'
        ? `HTTP ${scheme.scheme}`
        : scheme.type === 'apiKey'
          ? `\`${scheme.name}\` ${scheme.in}`
          : scheme.type;
    out.push(`### ${name} (${how})`, '', prose(scheme.description), '');
  }

  for (const tag of doc.tags ?? []) {
    out.push(`## ${tag.name}`, '', nestHeadings(prose(tag.description), 3), '');
  }

  for (const [path, item] of Object.entries(/** @type {Record<string, Node>} */ (doc.paths))) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      out.push(`## ${method.toUpperCase()} ${path}`, '', `**${op.summary}** (\`operationId: ${op.operationId}\`)`, '');
      if (op.deprecated) out.push('> **Deprecated.** See the description below for the replacement.', '');
      out.push(nestHeadings(prose(op.description), 3), '');
      if (Array.isArray(op['x-codeSamples'])) {
        out.push('### Code samples', '');
        for (const sample of op['x-codeSamples']) {
          out.push(
            `${sample.label ?? sample.lang}:`,
            '',
            `\`\`\`${sample.lang === 'curl' ? 'sh' : 'ts'}`,
            sample.source.trimEnd(),
            '```',
            '',
          );
        }
      }
      out.push('### Parameters', '');
      for (const parameter of op.parameters ?? []) {
        const schema = parameter.schema ?? {};
        const facts = [
          parameter.in,
          describeType(schema),
          parameter.required ? 'required' : 'optional',
          schema.default !== undefined ? `default \`${JSON.stringify(schema.default)}\`` : '',
          parameter.example !== undefined ? `example \`${JSON.stringify(parameter.example)}\`` : '',
        ].filter(Boolean);
        out.push(`- \`${parameter.name}\` (${facts.join(', ')})`, '', indent(prose(parameter.description)), '');
        const note = enumNote(schema, doc);
        if (note) out.push(indent(note), '');
      }
      out.push('### Responses', '');
      for (const [status, response] of Object.entries(/** @type {Record<string, Node>} */ (op.responses ?? {}))) {
        out.push(`#### ${status}`, '', prose(response.description), '');
        for (const [header, value] of Object.entries(/** @type {Record<string, Node>} */ (response.headers ?? {}))) {
          const described =
            typeof value.$ref === 'string' ? resolveLocalRef(/** @type {any} */ (doc), value.$ref) : value;
          out.push(`- Header \`${header}\`: ${cell(prose(described?.description))}`);
        }
        for (const [media, content] of Object.entries(/** @type {Record<string, Node>} */ (response.content ?? {}))) {
          out.push('', `Body (\`${media}\`): ${describeType(content.schema ?? {})}.`, '');
          const examples = spec.examples.filter((e) => e.status === status);
          for (const example of examples) {
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
        }
        out.push('');
      }
    }
  }

  out.push(
    '## Schemas',
    '',
    "Every component schema, with each property's type, whether it can be `null`, and whether it is always present (required) or may be absent (optional).",
    '',
  );
  for (const [name, schema] of Object.entries(components)) out.push(schemaSection(name, schema, doc));

  out.push(changesMarkdown(history, 2), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * llms.txt (https://llmstxt.org): the title, a one-line summary, and links to the full reference.
 * @param {LoadedSpec} spec
 * @returns {string}
 */
export function llmsTxt(spec) {
  const doc = /** @type {Node} */ (spec.document);
  const operations = Object.entries(/** @type {Record<string, Node>} */ (doc.paths)).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path, op: item[m] })),
  );
  return `${[
    `# ${doc.info.title}`,
    '',
    `> ${cell(doc.info.summary ?? '')}`,
    '',
    `OpenAPI ${doc.openapi} contract, version ${doc.info.version}. ${operations
      .map((o) => `\`${o.method} ${o.path}\`${o.op.deprecated ? ' (deprecated by the vendor)' : ''}`)
      .join(', ')}.`,
    '',
    '## Reference',
    '',
    '- [The whole reference in Markdown](index.md): the operation, every parameter, response and schema property (type, nullability, presence, enums), the named examples, and the changes of each release',
    '- [The same reference as a web page](index.html)',
    '',
  ].join('\n')}`;
}
