/**
 * The one parse of a spec's text: YAML (JSON is YAML) into plain values, with the node positions kept for
 * {@link SourceMap}. Aliases are counted before they are expanded: a document whose aliases would expand beyond
 * {@link MAX_ALIAS_COUNT} copies (an "alias bomb", a few lines that expand to gigabytes) is refused here, before
 * any other parser or walker of the project sees it.
 */
import { isAlias, LineCounter, parseDocument, visit } from 'yaml';
import { SpecReadError } from './errors.js';
import { SourceMap } from './sourceMap.js';

/** Alias expansions allowed in one spec (the `yaml` package's `maxAliasCount`); a spec needs few, if any. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedSpecText {
  /** The file (absolute path), or the name given with the text. */
  file: string;
  text: string;
  /** The document as plain JSON values. */
  value: unknown;
  source: SourceMap;
}

const firstLine = (message: string) => (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');

/** Parses a spec's text; throws {@link SpecReadError} (`not-yaml`, `too-many-aliases`) naming `file` and the place. */
export function parseSpecText(text: string, file: string): ParsedSpecText {
  const lines = new LineCounter();
  let document: ReturnType<typeof parseDocument>;
  try {
    // Merge keys (`<<: *base`) as Redocly's parser reads them, so every tool sees the same document.
    document = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true });
  } catch (error) {
    throw new SpecReadError('not-yaml', file, `not valid YAML: ${firstLine((error as Error).message)}`);
  }
  const [error] = document.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw new SpecReadError('not-yaml', file, `not valid YAML: ${firstLine(error.message)}`, { line, column: col });
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (!(cause instanceof ReferenceError) || !/alias/i.test(cause.message))
      throw new SpecReadError('not-yaml', file, `not valid YAML: ${firstLine(String((cause as Error).message))}`);
    let first: number | undefined;
    visit(document, {
      Alias(_, node) {
        first = isAlias(node) ? node.range?.[0] : undefined;
        return visit.BREAK;
      },
    });
    const { line, col } = lines.linePos(first ?? 0);
    throw new SpecReadError(
      'too-many-aliases',
      file,
      `refused: its YAML aliases would expand to more than ${MAX_ALIAS_COUNT} copies of their anchors (an alias bomb); nothing was expanded`,
      { line, column: col },
    );
  }
  return { file, text, value, source: new SourceMap(document, lines) };
}
