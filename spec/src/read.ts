/**
 * Reading a spec before anything interprets it: from a file, or from its text (from git, built in, edited) with a
 * name for messages, never through a temporary file. The text is parsed once, with the alias limit, and every
 * `$ref` of it and of the files it references is checked (./references.ts). This module needs no bundler, so a tool
 * that hands the spec to another parser (Prism, the lint gate) runs the same checks first at little cost.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SpecReadError } from './errors.js';
import { parseSpecText } from './parse.js';
import { checkReferences, type SpecFiles } from './references.js';

/** A spec's text, with the name messages give it (`git:v1.0.0:spec/targetGroups.yaml`). */
export interface SpecText {
  text: string;
  name: string;
  /**
   * The directory the text's relative `$ref`s resolve in and may not leave. Without it, a spec given as text may
   * reference no file.
   */
  dir?: string;
}

/** A spec file's path (relative to the working directory), or a spec's text. */
export type SpecInput = string | SpecText;

/** Reads and parses a spec and checks its references; throws {@link SpecReadError} when it cannot be read safely. */
export function readSpecFiles(input: SpecInput): SpecFiles {
  if (typeof input !== 'string') {
    const dir = input.dir === undefined ? undefined : path.resolve(input.dir);
    return checkReferences(parseSpecText(input.text, input.name), dir);
  }
  const file = path.resolve(input);
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new SpecReadError('not-a-file', file, 'not a file');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof SpecReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SpecReadError('not-found', file, 'no such file');
    throw new SpecReadError('unreadable', file, `cannot be read (${code ?? (error as Error).message})`);
  }
  return checkReferences(parseSpecText(text, file), path.dirname(file));
}
