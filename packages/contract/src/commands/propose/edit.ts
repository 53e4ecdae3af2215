/**
 * Edits of the spec's YAML text that keep everything else byte for byte: comments, key order, quoting and the
 * hand-laid JSON of the named examples. The yaml Document locates each node (its range in the text); each edit
 * replaces or inserts only the text of that node. (`Document.toString()` would re-render every flow collection, so
 * the examples would change too.) Every edit is also applied with `setIn` to the parsed Document, and the spliced
 * text must parse to the same value: an edit that would not is refused rather than written.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { Json } from '../../spec/pointer.js';

type Key = string | number;

interface Splice {
  at: number;
  end: number;
  text: string;
}

type Range = [number, number, number];
const rangeOf = (node: unknown): Range | undefined => (node as { range?: Range } | null)?.range ?? undefined;

export class SpecEditor {
  private readonly lines = new LineCounter();
  private readonly source: Document;
  /** The same edits, made with the Document API: what the spliced text must parse to. */
  private readonly model: Document;
  private readonly splices: Splice[] = [];

  constructor(private readonly text: string) {
    this.source = parseDocument(text, { lineCounter: this.lines });
    this.model = parseDocument(text);
    if (this.source.errors.length > 0) throw new Error(`not valid YAML: ${this.source.errors[0]!.message}`);
  }

  private node(keys: Key[]): unknown {
    return this.source.getIn(keys, true);
  }

  get(keys: Key[]): unknown {
    const node = this.model.getIn(keys, false) as unknown;
    return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
  }

  private column(offset: number): number {
    return this.lines.linePos(offset).col - 1;
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

  private block(value: unknown, indent: number): string {
    // YAML 1.1 rules quote what an older parser would read as a date, a boolean or a number.
    const rendered = stringify(value, { lineWidth: 0, singleQuote: true, indent: 2, version: '1.1' }).trimEnd();
    return rendered
      .split('\n')
      .map((line) => `${' '.repeat(indent)}${line}`)
      .join('\n');
  }

  /** Replaces the value of the mapping entry at `keys` (the key stays where it is). */
  replace(keys: Key[], value: unknown): void {
    const pair = this.pairOf(keys);
    const keyRange = pair?.key.range;
    const valueRange = rangeOf(pair?.value);
    if (!pair || !keyRange || !valueRange) throw new Error(`no entry at ${keys.join('/')}`);
    const indent = this.column(keyRange[0]) + 2;
    const scalar = value === null || typeof value !== 'object';
    const text = scalar ? ` ${this.block(value, 0)}` : `\n${this.block(value, indent)}`;
    const colon = this.text.indexOf(':', keyRange[1]);
    this.splices.push({ at: colon + 1, end: this.lineEnd(valueRange[1]) - 1, text });
    this.model.setIn(keys, this.model.createNode(value));
  }

  /** Replaces the entry at `keys` by `newKey: value`, in the same place. */
  replaceEntry(keys: Key[], newKey: string, value: unknown): void {
    const pair = this.pairOf(keys);
    const keyRange = pair?.key.range;
    const valueRange = rangeOf(pair?.value);
    if (!pair || !keyRange || !valueRange) throw new Error(`no entry at ${keys.join('/')}`);
    const indent = this.column(keyRange[0]);
    this.splices.push({
      at: keyRange[0] - indent,
      end: this.lineEnd(valueRange[1]),
      text: `${this.block({ [newKey]: value }, indent)}\n`,
    });
    const parent = this.model.getIn(keys.slice(0, -1), true);
    if (!isMap(parent)) throw new Error(`no mapping at ${keys.slice(0, -1).join('/')}`);
    const modelPair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(keys.at(-1)))!;
    modelPair.key = this.model.createNode(newKey);
    modelPair.value = this.model.createNode(value);
  }

  /** Adds entries at the end of the mapping at `keys` (which must exist). */
  addEntries(keys: Key[], entries: Json): void {
    const map = this.node(keys);
    if (!isMap(map) || map.items.length === 0) throw new Error(`no mapping at ${keys.join('/')}`);
    const first = map.items[0]!;
    const last = map.items.at(-1)!;
    const indent = this.column(rangeOf(first.key)![0]);
    const end = this.lineEnd(rangeOf(last.value)?.[1] ?? rangeOf(last.key)![2]);
    this.splices.push({ at: end, end, text: `${this.block(entries, indent)}\n` });
    for (const [name, value] of Object.entries(entries))
      this.model.setIn([...keys, name], this.model.createNode(value));
  }

  /** Adds an entry to the mapping at `keys`, creating the mapping as the last entry of its parent when missing. */
  addEntry(keys: Key[], name: string, value: unknown): void {
    if (isMap(this.node(keys))) this.addEntries(keys, { [name]: value });
    else this.addEntries(keys.slice(0, -1), { [String(keys.at(-1))]: { [name]: value } });
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
    const text = items.map((item) => `${' '.repeat(dash)}- ${this.block(item, 0).trimStart()}\n`).join('');
    this.splices.push({ at: end, end, text });
    for (const item of items) this.model.addIn(keys, this.model.createNode(item));
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

  /** The edited text; throws when it does not parse to what the same edits made of the Document. */
  result(): string {
    let out = this.text;
    for (const s of [...this.splices].sort((a, b) => b.at - a.at || b.end - a.end)) {
      out = out.slice(0, s.at) + s.text + out.slice(s.end);
    }
    const check = parseDocument(out);
    if (check.errors.length > 0 || JSON.stringify(check.toJS()) !== JSON.stringify(this.model.toJS()))
      throw new Error('an edit of the spec text did not give the intended document');
    return out;
  }
}
