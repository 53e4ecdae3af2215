/**
 * Where a node of a spec is written: the line and column of any JSON pointer, read from the node ranges of the yaml
 * Document the text was parsed into (no second parse), so a report can say which line to edit.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import { keysOf, pointerOf } from './pointer.js';

export interface SourcePosition {
  /** 1-based line and column of the node: of its key, for an entry of a mapping. */
  line: number;
  column: number;
  /** The deepest prefix of the pointer that the text has (the pointer itself when `exact`). */
  pointer: string;
  /** Whether the text has the whole pointer (else the position is that of its deepest existing parent). */
  exact: boolean;
}

type Range = readonly [number, number, number];
const startOf = (node: unknown): number | undefined => (node as { range?: Range } | null)?.range?.[0];

export class SourceMap {
  private readonly entries = new WeakMap<object, Map<string, Pair>>();

  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The entries of a mapping by key, indexed on first use. */
  private entriesOf(map: { items: Pair[] }): Map<string, Pair> {
    let byKey = this.entries.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && !byKey.has(key)) byKey.set(key, pair);
      }
      this.entries.set(map, byKey);
    }
    return byKey;
  }

  /** The position of the node at `pointer` (RFC 6901), or of its deepest parent the text has. */
  locate(pointer: string): SourcePosition {
    const keys = keysOf(pointer);
    let node: unknown = this.document.contents;
    let offset = startOf(node) ?? 0;
    let depth = 0;
    for (const key of keys) {
      // An alias stands for its anchor's node: the pointer goes on from there.
      if (isAlias(node)) node = node.resolve(this.document);
      if (isMap(node)) {
        const pair = this.entriesOf(node).get(key);
        if (!pair) break;
        offset = startOf(pair.key) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && /^(0|[1-9]\d*)$/.test(key) && node.items[Number(key)] !== undefined) {
        node = node.items[Number(key)];
        offset = startOf(node) ?? offset;
      } else break;
      depth++;
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col, pointer: pointerOf(keys.slice(0, depth)), exact: depth === keys.length };
  }

  /** The yaml node at `pointer`, for a reader that needs more than its position. */
  nodeAt(pointer: string): Node | undefined {
    const found = this.document.getIn(keysOf(pointer), true);
    return found as Node | undefined;
  }
}
