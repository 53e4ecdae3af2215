// @ts-check
// What the mock can answer with, read from the spec itself so that the banner, the tests and the README
// recipes cannot fall behind it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** The workspace's spec/targetGroups.yaml: the mock serves the contract as it is being edited. */
export const workspaceSpecPath = join(
  dirname(require.resolve('@target-groups/spec/package.json')),
  'targetGroups.yaml',
);

export const OPERATION_ID = 'getUserTargetGroups';

/**
 * @typedef {object} NamedExample
 * @property {string} name      key under the response's `examples` (what `Prefer: example=` matches)
 * @property {number} status    HTTP status of the response that holds it
 * @property {string} summary
 * @property {unknown} value    the example body
 * @property {boolean} first    whether it is the first example of its status (served without `example=`)
 * @property {boolean} onlyStatus whether no other status has an example of this name (then `example=` alone selects it)
 */

/**
 * @typedef {object} SpecCatalog
 * @property {string} pathTemplate  e.g. /v3/users/{userId}/targetGroups
 * @property {number[]} statuses    declared statuses, ascending
 * @property {NamedExample[]} examples
 */

/** @param {string} [specPath] */
export function loadCatalog(specPath = workspaceSpecPath) {
  /** @type {any} */
  const spec = parse(readFileSync(specPath, 'utf8'));
  for (const [pathTemplate, item] of Object.entries(spec?.paths ?? {})) {
    const operation = /** @type {any} */ (item)?.get;
    if (operation?.operationId !== OPERATION_ID) continue;
    /** @type {NamedExample[]} */
    const examples = [];
    const statuses = [];
    for (const [code, response] of Object.entries(operation.responses ?? {})) {
      const status = Number(code);
      if (!Number.isInteger(status)) continue;
      statuses.push(status);
      const resolved = resolveRef(spec, response);
      const entries = Object.entries(resolved?.content?.['application/json']?.examples ?? {});
      entries.forEach(([name, entry], index) => {
        const example = resolveRef(spec, entry);
        if (!example) throw new Error(`${specPath}: example ${name} of the ${status} response cannot be resolved`);
        examples.push({
          name,
          status,
          summary: String(example.summary ?? ''),
          value: example.value,
          first: index === 0,
          onlyStatus: true,
        });
      });
    }
    for (const example of examples)
      example.onlyStatus = examples.every((other) => other.name !== example.name || other.status === example.status);
    return { pathTemplate, statuses: statuses.sort((a, b) => a - b), examples };
  }
  throw new Error(`${specPath}: no operation ${OPERATION_ID}`);
}

/**
 * @param {any} spec
 * @param {any} node
 */
function resolveRef(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    if (!current.$ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce(
        (/** @type {any} */ at, /** @type {string} */ key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        spec,
      );
  }
  return current;
}

/**
 * The `Prefer` header that selects an example. Prism itself looks for `example=` only under the status it answers
 * with (200 unless told); the mock's front adds `code=` for a name that only one other status has. A name that
 * several statuses share needs its `code=`.
 * @param {NamedExample} example
 */
export function preferHeader(example) {
  return example.status === 200 || example.onlyStatus
    ? `example=${example.name}`
    : `code=${example.status}, example=${example.name}`;
}

/**
 * A userId that fits the example (its own, when the body names one).
 * @param {NamedExample} example
 */
export function userIdFor(example) {
  const data = /** @type {any} */ (example.value)?.data;
  return typeof data?.userId === 'number' ? data.userId : 566881933;
}

/**
 * @param {SpecCatalog} catalog
 * @param {string|number} userId
 */
export function pathFor(catalog, userId) {
  return catalog.pathTemplate.replace('{userId}', encodeURIComponent(String(userId)));
}

/** Basic credentials for the mock: it checks that they are present, not what they are. */
export const MOCK_BASIC_USER = 'store.till';
export const MOCK_BASIC_PASSWORD_MD5 = '5ebe2294ecd0e0f08eab7690d2a6ee69';
