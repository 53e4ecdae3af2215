// The one reader of the READMEs' code blocks. Every README.md that git tracks is a set of journeys: each shell and
// TypeScript block in it is run as written by the runner its annotation names, or says why it is not run. The
// annotation is an HTML comment on the line before the fence:
//
//   <!-- journey: consumer -->           a project outside the workspace, the public packages installed from tarballs
//   <!-- journey: maintainer -->         a clean clone of the repository
//   <!-- journey: workspace -->          this workspace (a block about a private package)
//   <!-- journey: not run: REASON -->    never run, and why
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export type JourneyKind = 'consumer' | 'maintainer' | 'workspace';
export const JOURNEY_KINDS: readonly JourneyKind[] = ['consumer', 'maintainer', 'workspace'];

export type BlockLanguage = 'shell' | 'ts';
const LANGUAGES: Record<string, BlockLanguage> = {
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  console: 'shell',
  zsh: 'shell',
  ts: 'ts',
  typescript: 'ts',
  tsx: 'ts',
  mts: 'ts',
  cts: 'ts',
};

export type Annotation = { kind: JourneyKind } | { notRun: string } | { malformed: string } | undefined;

export interface Block {
  /** The README, relative to the repository root (`packages/contract/README.md`). */
  readme: string;
  /** The text of the nearest heading above the block, without its #s. */
  heading: string;
  /** 1 for the first shell or TypeScript block under that heading, 2 for the next, ... */
  index: number;
  language: BlockLanguage;
  /** The fence's own word (`sh`, `ts`). */
  fence: string;
  /** The block's text, exactly as in the README, with its final newline. */
  code: string;
  /** The line of the opening fence (1-based). */
  line: number;
  annotation: Annotation;
}

/** Every README.md git tracks (committed or added), relative to the repository root, in git's order. */
export function readmePaths(root = repositoryRoot): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--', 'README.md', '**/README.md'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => path.basename(file) === 'README.md');
}

const ANNOTATION = /^<!--\s*journey\s*:\s*([\s\S]*?)\s*-->$/;

/** The annotation on the line before a fence: another comment there is no annotation, a `journey:` one is read. */
function readAnnotation(line: string | undefined): Annotation {
  const text = line?.trim() ?? '';
  const match = ANNOTATION.exec(text);
  if (!match) return /^<!--\s*journey\b/.test(text) ? { malformed: text } : undefined;
  const value = match[1]!;
  const notRun = /^not run\s*:\s*(.*)$/s.exec(value);
  if (notRun) return notRun[1]!.trim() ? { notRun: notRun[1]!.trim() } : { malformed: text };
  const kind = JOURNEY_KINDS.find((k) => k === value);
  return kind ? { kind } : { malformed: text };
}

/** What is wrong with a block's annotation, or undefined: the message names the block and says what to write. */
export function annotationProblem(block: Block): string | undefined {
  const { annotation } = block;
  if (annotation && ('kind' in annotation || 'notRun' in annotation)) return undefined;
  const told = annotation ? `'${annotation.malformed}' is no annotation` : 'it has no annotation';
  return `${describeBlock(block)}: ${told}; write <!-- journey: consumer|maintainer|workspace --> or <!-- journey: not run: REASON --> on the line before its fence`;
}

/** The shell and TypeScript blocks of one README (other fences, such as `json` or a bare one, are not code to run). */
export function blocksOf(readme: string, root = repositoryRoot): Block[] {
  const lines = readFileSync(path.join(root, readme), 'utf8').split('\n');
  const blocks: Block[] = [];
  const perHeading = new Map<string, number>();
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const headingMatch = /^#{1,6} (.+)$/.exec(line);
    if (headingMatch) {
      heading = headingMatch[1]!.trim();
      continue;
    }
    const fence = /^(\s*)(`{3,})(\S*)\s*$/.exec(line);
    if (!fence) continue;
    const [, indent = '', ticks = '```', word = ''] = fence;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !new RegExp(`^\\s*${ticks}\\s*$`).test(lines[i]!); i++)
      body.push(lines[i]!.startsWith(indent) ? lines[i]!.slice(indent.length) : lines[i]!);
    const language = LANGUAGES[word.toLowerCase()];
    if (!language) continue;
    const index = (perHeading.get(heading) ?? 0) + 1;
    perHeading.set(heading, index);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    blocks.push({
      readme,
      heading,
      index,
      language,
      fence: word,
      code: `${body.join('\n')}\n`,
      line: start + 1,
      annotation: readAnnotation(before >= 0 ? lines[before] : undefined),
    });
  }
  return blocks;
}

export function allBlocks(root = repositoryRoot): Block[] {
  return readmePaths(root).flatMap((readme) => blocksOf(readme, root));
}

/** `README.md:25 (Quick start, block 1)`: how a message names a block. */
export const describeBlock = (block: Pick<Block, 'readme' | 'line' | 'heading' | 'index'>) =>
  `${block.readme}:${block.line} (${block.heading || 'before any heading'}, block ${block.index})`;

/** The blocks under `heading` of `readme`, in order; an error when there is none. */
export function blocksUnder(readme: string, heading: string, root = repositoryRoot): Block[] {
  const found = blocksOf(readme, root).filter((block) => block.heading === heading);
  if (found.length === 0) throw new Error(`${readme}: no shell or TypeScript block under '${heading}'`);
  return found;
}
