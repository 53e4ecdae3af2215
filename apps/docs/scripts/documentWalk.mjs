// Walks a JSON document (the spec as the spec reader returns it) entry by entry. Keys are read as own properties
// only, so a property named after an Object.prototype member, or `__proto__`, is visited like any other name.

/** @param {string} key */
const pointerToken = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Calls visit(key, value, pointer) for every entry of every object and array in the document, in document order.
 * @param {unknown} document
 * @param {(key: string, value: unknown, pointer: string) => void} visit
 */
export function walkDocument(document, visit) {
  /** @type {Array<[unknown, string]>} */
  const stack = [[document, '']];
  const seen = new Set();
  while (stack.length > 0) {
    const [node, pointer] = /** @type {[unknown, string]} */ (stack.pop());
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const entries = Array.isArray(node)
      ? node.map((value, i) => /** @type {[string, unknown]} */ ([String(i), value]))
      : Object.entries(node);
    /** @type {Array<[unknown, string]>} */
    const children = [];
    for (const [key, value] of entries) {
      const at = `${pointer}/${pointerToken(key)}`;
      visit(key, value, at);
      children.push([value, at]);
    }
    stack.push(...children.reverse());
  }
}

/**
 * Where the document has a key named `__proto__`. Redoc builds its pages by assigning keys to plain objects, where
 * that name sets the prototype instead: the HTML page cannot show such an entry (index.md does).
 * @param {unknown} document
 * @returns {string[]} JSON pointers
 */
export function protoKeys(document) {
  /** @type {string[]} */
  const found = [];
  walkDocument(document, (key, _value, pointer) => {
    if (key === '__proto__') found.push(pointer);
  });
  return found;
}
