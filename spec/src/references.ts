/**
 * Which `$ref`s a spec may have: references inside the document (`#/...`) and to files inside the spec's own
 * directory. A reference to a URL is never fetched and a file outside that directory is never read, by any tool of
 * the project (the reader, the lint gate, the mock): a `$ref` can arrive inside a value from traffic (an `example:`),
 * and Spectral, Redocly and Prism all resolve `$ref` keys wherever they are. This module finds every `$ref` of a spec
 * and of the files it references, before any of them resolves one.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecReadError } from './errors.js';
import { type ParsedSpecText, parseSpecText } from './parse.js';
import { escapeKey } from './pointer.js';

export interface RefUse {
  ref: string;
  /** Pointer of the object that holds the `$ref` key. */
  pointer: string;
}

/** Every `$ref` with a string value in a parsed value, in document order (a node shared by aliases once). */
export function refsIn(value: unknown): RefUse[] {
  const found: RefUse[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${pointer}/${index}`);
      return;
    }
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === 'string') found.push({ ref: object.$ref, pointer });
    for (const [key, child] of Object.entries(object)) walk(child, `${pointer}/${escapeKey(key)}`);
  };
  walk(value, '');
  return found;
}

export type RefTarget =
  | { kind: 'local' }
  | { kind: 'remote' }
  /** `file`: absolute path without the fragment. */
  | { kind: 'file'; file: string };

/** What a `$ref` written in a file of `baseDir` points at (`baseDir` undefined: a spec given as text). */
export function refTarget(ref: string, baseDir: string | undefined): RefTarget {
  const target = ref.split('#')[0]!;
  // `#/...`, and `''` (the document itself), stay inside the document.
  if (target === '') return { kind: 'local' };
  if (/^file:/i.test(target)) {
    try {
      return { kind: 'file', file: fileURLToPath(target) };
    } catch {
      return { kind: 'remote' };
    }
  }
  // Any other scheme (`http:`, `https:`, `ftp:`, `data:`, ...) or a network path (`//host/x`) is not a file.
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return { kind: 'remote' };
  return { kind: 'file', file: path.resolve(baseDir ?? process.cwd(), decodeURIComponentSafe(target)) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether `file` is inside `tree` (a directory), after symbolic links: a link out of the tree is out of it. */
export function isInTree(file: string, tree: string): boolean {
  const real = (p: string): string =>
    existsSync(p) ? realpathSync(p) : path.join(real(path.dirname(p)), path.basename(p));
  const relative = path.relative(real(tree), real(file));
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/**
 * Why a reference target may not be followed, or undefined when it may. `tree` is the directory references may
 * not leave; undefined for a spec given as text, which may reference no file.
 */
export function refusalOf(target: RefTarget, tree: string | undefined): string | undefined {
  if (target.kind === 'remote') return 'a remote reference: no tool of this project fetches one';
  if (target.kind === 'file' && tree === undefined)
    return 'a reference to a file, from a spec read as text: there is no directory to read it from';
  if (target.kind === 'file' && !isInTree(target.file, tree!))
    return `a reference to a file outside the spec's directory (${tree})`;
  return undefined;
}

const PARSED_EXTENSIONS = /\.(ya?ml|json)$/i;

export interface SpecFiles {
  /** The spec's own text, parsed. */
  root: ParsedSpecText;
  /** Every file the spec references (recursively) that is read as a document, by absolute path. */
  files: Map<string, ParsedSpecText>;
  /** The directory references may not leave; undefined for a spec given as text without one. */
  tree: string | undefined;
}

/**
 * Checks every `$ref` of `root` and, recursively, of the YAML and JSON files it references inside `tree` (the
 * directory of the root file, which is also where its relative references start), each parsed with the alias
 * limit. Throws {@link SpecReadError} (`remote-ref`, `out-of-tree-ref`) naming the file, the line, the pointer and
 * the ref. A file that does not exist is left to the bundler, which reports it as unresolved.
 */
export function checkReferences(root: ParsedSpecText, tree: string | undefined): SpecFiles {
  const files = new Map<string, ParsedSpecText>();
  const queue = [root];
  for (let parsed = queue.shift(); parsed; parsed = queue.shift()) {
    const baseDir = parsed === root ? tree : path.dirname(parsed.file);
    for (const { ref, pointer } of refsIn(parsed.value)) {
      const target = refTarget(ref, baseDir);
      const refusal = refusalOf(target, tree);
      if (refusal) {
        const { line, column } = parsed.source.locate(`${pointer}/$ref`);
        const kind = target.kind === 'remote' ? 'remote-ref' : 'out-of-tree-ref';
        throw new SpecReadError(
          kind,
          parsed.file,
          `$ref ${JSON.stringify(ref)} at ${pointer || '/'}: ${refusal}`,
          {
            line,
            column,
            pointer,
          },
          ref,
        );
      }
      if (target.kind !== 'file' || files.has(target.file) || target.file === root.file) continue;
      if (!PARSED_EXTENSIONS.test(target.file) || !existsSync(target.file) || !statSync(target.file).isFile()) continue;
      const referenced = parseSpecText(readFileSync(target.file, 'utf8'), target.file);
      files.set(target.file, referenced);
      queue.push(referenced);
    }
  }
  return { root, files, tree };
}
