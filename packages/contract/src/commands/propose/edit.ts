/**
 * Edits of the spec's YAML text that keep everything else byte for byte: comments, key order, quoting and the
 * hand-laid JSON of the named examples. The yaml Document locates each node (its range in the text); each edit
 * replaces or inserts only the text of that node. (`Document.toString()` would re-render every flow collection, so
 * the examples would change too.) Every edit is also applied with `setIn` to a copy of the parsed Document, and the
 * spliced text must read back (with YAML merge keys, as the spec reader reads YAML) as that copy: an edit that would
 * not is refused rather than written.
 */
import { Document, LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { JsonObject } from '@target-groups/spec/portable';
import { escapeJson, hasUnsafeInJson } from '../../cli/escape.js';

type Key = string | number;

interface Splice {
  at: number;
  end: number;
  text: string;
}

type Range = [number, number, number];
const rangeOf = (node: unknown): Range | undefined => (node as { range?: Range } | null)?.range ?? undefined;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// YAML 1.1 rules quote what an older parser would read as a date, a boolean or a number; without its merge tag, so
// that a key `<<` is a string that can be quoted (a plain `<<` is a merge key to the spec reader).
const RENDER = {
  version: '1.1',
  customTags: (tags: { tag?: string }[]) => tags.filter((t) => t.tag !== 'tag:yaml.org,2002:merge'),
} as const;

/** Maps (how names from traffic travel, `__proto__` included) as plain objects with own properties. */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: JsonObject = {};
    for (const [key, item] of value)
      Object.defineProperty(out, String(key), {
        value: plain(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return Array.isArray(value) ? value.map(plain) : value;
}

/** `value` as block YAML, every line indented by `indent`; keys a YAML 1.1 reader takes for a merge are quoted. */
function render(value: unknown, indent: number): string {
  // A Map would be an ordered map (`!!omap`) to YAML 1.1.
  const doc = new Document(plain(value), RENDER as never);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') pair.key.type = Scalar.QUOTE_SINGLE;
    },
    // A character from traffic that a reviewer's diff would not show as it is (a bidirectional override reorders
    // the line, a C1 control acts on the terminal) is written as its escape, which only double quotes read as it.
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && hasUnsafeInJson(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return escapeJson(doc.toString({ lineWidth: 0, singleQuote: true, indent: 2 }))
    .trimEnd()
    .split('\n')
    .map((line) => `${' '.repeat(indent)}${line}`)
    .join('\n');
}

/** The spec's text, parsed once: where each node is, for every editor made from it. */
export class SpecText {
  readonly lines = new LineCounter();
  readonly source: Document;
  /** Whether the text reads the same with merge keys (the contract does): then edits are checked with them. */
  readonly mergeKeys: boolean;

  constructor(readonly text: string) {
    this.source = parseDocument(text, { lineCounter: this.lines });
    if (this.source.errors.length > 0) throw new Error(`not valid YAML: ${this.source.errors[0]!.message}`);
    this.mergeKeys = sameJson(this.source.toJS(), parseDocument(text, { merge: true }).toJS());
  }

  /** The value at `keys`, as plain JSON. */
  get(keys: Key[]): unknown {
    const node = this.source.getIn(keys, false) as unknown;
    return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
  }
}

export class SpecEditor {
  /** The same edits, made with the Document API: what the spliced text must read back as. */
  private readonly model: Document;
  private readonly splices: Splice[] = [];
  private readonly text: string;

  constructor(private readonly base: SpecText) {
    this.model = base.source.clone();
    this.text = base.text;
  }

  private node(keys: Key[]): unknown {
    return this.base.source.getIn(keys, true);
  }

  private get(keys: Key[]): unknown {
    const node = this.model.getIn(keys, false) as unknown;
    return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
  }

  private column(offset: number): number {
    return this.base.lines.linePos(offset).col - 1;
  }

  private lineEnd(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl + 1;
  }

  private pairOf(keys: Key[]): { key: { range?: Range }; value: unknown } | undefined {
    const parent = this.node(keys.slice(0, -1));
    if (!isMap(parent)) return undefined;
    return parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(keys.at(-1))) as
      | { key: { range?: Range }; value: unknown }
      | undefined;
  }

  /** Replaces the value of the mapping entry at `keys` (the key stays where it is). */
  replace(keys: Key[], value: unknown): void {
    const pair = this.pairOf(keys);
    const keyRange = pair?.key.range;
    const valueRange = rangeOf(pair?.value);
    if (!pair || !keyRange || !valueRange) throw new Error(`no entry at ${keys.join('/')}`);
    const indent = this.column(keyRange[0]) + 2;
    const scalar = value === null || typeof value !== 'object';
    const text = scalar ? ` ${render(value, indent).trimStart()}` : `\n${render(value, indent)}`;
    const colon = this.text.indexOf(':', keyRange[1]);
    this.splices.push({ at: colon + 1, end: this.lineEnd(valueRange[1]) - 1, text });
    this.model.setIn(keys, this.model.createNode(plain(value)));
  }

  /** Replaces the entry at `keys` by `newKey: value`, in the same place. */
  replaceEntry(keys: Key[], newKey: string, value: unknown): void {
    const pair = this.pairOf(keys);
    const keyRange = pair?.key.range;
    const valueRange = rangeOf(pair?.value);
    if (!pair || !keyRange || !valueRange) throw new Error(`no entry at ${keys.join('/')}`);
    const indent = this.column(keyRange[0]);
    const entry = new Map([[newKey, value]]);
    this.splices.push({
      at: keyRange[0] - indent,
      end: this.lineEnd(valueRange[1]),
      text: `${render(entry, indent)}\n`,
    });
    const parent = this.model.getIn(keys.slice(0, -1), true);
    if (!isMap(parent)) throw new Error(`no mapping at ${keys.slice(0, -1).join('/')}`);
    const modelPair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(keys.at(-1)))!;
    modelPair.key = this.model.createNode(newKey);
    modelPair.value = this.model.createNode(plain(value));
  }

  /** Adds entries at the end of the mapping at `keys` (which must exist). */
  addEntries(keys: Key[], entries: Map<string, unknown>): void {
    const map = this.node(keys);
    if (!isMap(map)) throw new Error(`no mapping at ${keys.join('/')}`);
    if (map.items.length === 0 || map.flow) {
      const merged = new Map(Object.entries((this.get(keys) as JsonObject | undefined) ?? {}));
      for (const [name, value] of entries) merged.set(name, value);
      this.replace(keys, merged);
      return;
    }
    const first = map.items[0]!;
    const last = map.items.at(-1)!;
    const indent = this.column(rangeOf(first.key)![0]);
    const end = this.lineEnd(rangeOf(last.value)?.[1] ?? rangeOf(last.key)![2]);
    this.splices.push({ at: end, end, text: `${render(entries, indent)}\n` });
    for (const [name, value] of entries) this.model.setIn([...keys, name], this.model.createNode(plain(value)));
  }

  /** Appends items to the block sequence at `keys`. */
  append(keys: Key[], items: unknown[]): void {
    const seq = this.node(keys);
    if (!isSeq(seq) || seq.items.length === 0 || seq.flow) {
      this.replace(keys, [...((this.get(keys) as unknown[] | undefined) ?? []), ...items]);
      return;
    }
    const last = seq.items.at(-1)!;
    const dash = this.column(rangeOf(last)![0]) - 2;
    const end = this.lineEnd(rangeOf(last)![1]);
    // Each item rendered at the column of the items, so that a multi-line value stays inside its entry.
    const text = items.map((item) => `${' '.repeat(dash)}- ${render(item, dash + 2).slice(dash + 2)}\n`).join('');
    this.splices.push({ at: end, end, text });
    for (const item of items) this.model.addIn(keys, this.model.createNode(plain(item)));
  }

  /** Removes the items equal to `values` from the block sequence at `keys` (its lines go). */
  removeItems(keys: Key[], values: unknown[]): void {
    const seq = this.node(keys);
    if (!isSeq(seq) || seq.flow) throw new Error(`no block sequence at ${keys.join('/')}`);
    const remaining = (this.get(keys) as unknown[]).filter((v) => !values.includes(v));
    if (remaining.length === 0) {
      const pair = this.pairOf(keys)!;
      const start = this.text.lastIndexOf('\n', rangeOf(pair.key)![0]) + 1;
      this.splices.push({ at: start, end: this.lineEnd(rangeOf(pair.value)![1]), text: '' });
      this.model.deleteIn(keys);
      return;
    }
    for (const item of seq.items) {
      if (!isScalar(item) || !values.includes(item.value)) continue;
      const range = rangeOf(item)!;
      const start = this.text.lastIndexOf('\n', range[0]) + 1;
      this.splices.push({ at: start, end: this.lineEnd(range[1]), text: '' });
    }
    this.model.setIn(keys, this.model.createNode(remaining));
  }

  /** The edited text; throws when two edits touch the same text or it does not read back as intended. */
  result(): string {
    const insertion = (s: Splice) => (s.end === s.at ? 0 : 1);
    const ordered = this.splices
      .map((splice, seq) => ({ splice, seq }))
      .sort((a, b) => a.splice.at - b.splice.at || insertion(a.splice) - insertion(b.splice) || a.seq - b.seq);
    const parts: string[] = [];
    let position = 0;
    for (const { splice } of ordered) {
      if (splice.at < position) throw new Error('two edits change the same lines of the spec');
      parts.push(this.text.slice(position, splice.at), splice.text);
      position = splice.end;
    }
    parts.push(this.text.slice(position));
    const out = parts.join('');
    const check = parseDocument(out, { merge: this.base.mergeKeys });
    if (check.errors.length > 0)
      throw new Error(`the edited text is not valid YAML (${check.errors[0]!.message.split('\n')[0]})`);
    if (!sameJson(check.toJS(), this.model.toJS()))
      throw new Error('the edited text does not read back as the intended document');
    return out;
  }
}
