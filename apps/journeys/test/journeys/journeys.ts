// A README's blocks as the journeys that run them: a shell block is a script for bash; a TypeScript block is a
// module of its own, or, when its first line names a file (`// test/globalSetup.ts`), one file of a project that the
// blocks under the same heading make up together. A module that imports vitest (or a project with a
// vitest.config.ts) is a test suite, run by vitest; any other module is compiled by tsc and run by node.
import { type Block, describeBlock } from './blocks.js';

export type JourneyShape = 'shell' | 'module' | 'suite';

export interface Journey {
  /** `README.md#Heading#1`: the key of its first block, by which checks name it. */
  key: string;
  title: string;
  blocks: Block[];
  shape: JourneyShape;
  /** The files it is made of, by path in its folder (a shell block: `journey.sh`). */
  files: Record<string, string>;
}

export const keyOf = (block: Block) => `${block.readme}#${block.heading}#${block.index}`;

const FILE_LINE = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.(?:ts|mts|cts))\s*$/;
const namedFile = (block: Block) =>
  block.language === 'ts' ? FILE_LINE.exec(block.code.split('\n')[0]!)?.[1] : undefined;
const importsVitest = (code: string) => /from ['"]vitest['"]/.test(code);

export function journeysOf(blocks: Block[]): Journey[] {
  const journeys: Journey[] = [];
  for (const block of blocks) {
    const file = namedFile(block);
    const last = journeys.at(-1);
    const project =
      last &&
      file &&
      namedFile(last.blocks[0]!) &&
      last.blocks[0]!.readme === block.readme &&
      last.blocks[0]!.heading === block.heading;
    if (project) {
      last.blocks.push(block);
      last.files[file] = block.code;
      if (importsVitest(block.code) || file === 'vitest.config.ts') last.shape = 'suite';
      continue;
    }
    const shape: JourneyShape = block.language === 'shell' ? 'shell' : importsVitest(block.code) ? 'suite' : 'module';
    const name =
      file ?? (block.language === 'shell' ? 'journey.sh' : shape === 'suite' ? 'journey.test.ts' : 'journey.ts');
    journeys.push({
      key: keyOf(block),
      title: describeBlock(block),
      blocks: [block],
      shape,
      files: { [name]: block.code },
    });
  }
  return journeys;
}
