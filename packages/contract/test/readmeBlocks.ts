// The shell blocks of a README section, read from the Markdown as it is, so that a test runs a recipe exactly as a
// reader copies it (a README is a promise).
import { readFileSync } from 'node:fs';

/** The ```sh blocks under `heading` (its text without the #s), up to the next heading of its level or higher. */
export function shellBlocks(readmePath: string, heading: string): string[] {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start === -1) throw new Error(`${readmePath}: no heading '${heading}'`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (block === undefined) {
      const match = /^#+ /.exec(line);
      if (match && match[0].length - 1 <= level) break;
      if (line === '```sh') block = [];
    } else if (line === '```') {
      blocks.push(`${block.join('\n')}\n`);
      block = undefined;
    } else block.push(line);
  }
  if (blocks.length === 0) throw new Error(`${readmePath}: no sh block under '${heading}'`);
  return blocks;
}
