/**
 * Where a JSON pointer into the spec is written in its YAML text (`spec/targetGroups.yaml:LINE`), read from the
 * yaml Document's node ranges, so a report can say which line to edit.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { unescapeKey } from './pointer.js';

export interface SpecLocation {
  /** The component schema the pointer is in (`Target`), when it is in one. */
  component: string | undefined;
  /** 1-based line of the deepest key of the pointer that the file has (the key itself when it exists). */
  line: number;
}

export class SpecLocator {
  private readonly lines = new LineCounter();
  private readonly document;

  constructor(
    text: string,
    /** How the file is named in reports (`spec/targetGroups.yaml`). */
    readonly file: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines });
  }

  locate(pointer: string): SpecLocation {
    const keys = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeKey);
    let node: unknown = this.document.contents;
    let offset = 0;
    for (const key of keys) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) break;
        offset = (isScalar(pair.key) && pair.key.range?.[0]) || offset;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(key) && node.items[Number(key)]) {
        node = node.items[Number(key)];
        const range = (node as { range?: [number, number, number] }).range;
        if (range) offset = range[0];
      } else break;
    }
    const component = keys[0] === 'components' && keys[1] === 'schemas' ? keys[2] : undefined;
    return { component, line: this.lines.linePos(offset).line };
  }

  /** `Target at spec/targetGroups.yaml:1234`. */
  describe(pointer: string): string {
    const { component, line } = this.locate(pointer);
    return `${component ? `${component} at ` : ''}${this.file}:${line}`;
  }
}
