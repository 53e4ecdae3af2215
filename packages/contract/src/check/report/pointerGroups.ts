/**
 * Turns the pointers of findings into the groups of the report, with memory bounded whatever the traffic sends:
 * array indices and id-like tokens become `*`; under one object, the first 64 distinct property names are kept
 * apart and the rest (keys that vary, such as ids used as property names) collapse into `*`; at most
 * MAX_VARYING_PARENTS objects are tracked. Each collapse is remembered so the report can say so.
 */

export const MAX_KEYS_PER_OBJECT = 64;
const MAX_TRACKED_OBJECTS = 20_000;
const MAX_VARYING_PARENTS = 100;
const MAX_KEY_EXAMPLES = 3;

const ID_LIKE = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export interface VaryingKeys {
  /** Pattern of the object whose property names vary. */
  parent: string;
  /** Distinct names collapsed into `*` (the first MAX_KEYS_PER_OBJECT are listed as their own groups). */
  collapsed: number;
  examples: string[];
}

export class PointerGroups {
  private readonly keysByObject = new Map<string, Set<string>>();
  private readonly varying = new Map<string, VaryingKeys>();
  /** Objects not tracked (beyond MAX_TRACKED_OBJECTS): their keys were collapsed without being counted. */
  untrackedCollapses = 0;

  /** The group pattern of a pointer: `/data/targetGroups/*` for `/data/targetGroups/3`. */
  pattern(pointer: string): string {
    if (pointer === '') return '';
    let out = '';
    let start = 1;
    while (start <= pointer.length) {
      let end = pointer.indexOf('/', start);
      if (end === -1) end = pointer.length;
      const token = pointer.slice(start, end);
      out += `/${this.tokenPattern(out, token)}`;
      start = end + 1;
    }
    return out;
  }

  private tokenPattern(parent: string, token: string): string {
    if (ID_LIKE.test(token)) return '*';
    let keys = this.keysByObject.get(parent);
    if (!keys) {
      if (this.keysByObject.size >= MAX_TRACKED_OBJECTS) {
        this.untrackedCollapses++;
        return '*';
      }
      keys = new Set();
      this.keysByObject.set(parent, keys);
    }
    if (keys.has(token)) return token;
    if (keys.size < MAX_KEYS_PER_OBJECT) {
      keys.add(token);
      return token;
    }
    let entry = this.varying.get(parent);
    if (!entry && this.varying.size < MAX_VARYING_PARENTS) {
      entry = { parent, collapsed: 0, examples: [] };
      this.varying.set(parent, entry);
    }
    if (entry) {
      entry.collapsed++;
      if (entry.examples.length < MAX_KEY_EXAMPLES && !entry.examples.includes(token)) entry.examples.push(token);
    } else this.untrackedCollapses++;
    return '*';
  }

  varyingKeys(): VaryingKeys[] {
    return [...this.varying.values()];
  }
}
