import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The vendor's page sits beside the repository (shared/seed/), not in it: present for development and CI.
export const seedPath = fileURLToPath(new URL('../../../shared/seed/000_03f596349a491e4e.txt', import.meta.url));

export interface SeedBody {
  userId: number;
  /** The body's text exactly as the vendor's page prints it (a `response:  ` label removed). */
  text: string;
  value: unknown;
}

/**
 * The vendor's page prints each complete body as a JSON object starting with `{` (or `response:  {`)
 * at the start of a line and ending with `}` at the start of a line. Fragments are indented, so they
 * never match.
 */
export function extractSeedBodies(seedText: string): SeedBody[] {
  const lines = seedText.split('\n');
  const bodies: SeedBody[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^(?:response:\s*)?\{\s*$/.exec(lines[i] ?? '');
    if (!start) continue;
    const end = lines.findIndex((line, j) => j > i && /^\}\s*$/.test(line));
    if (end < 0) throw new Error(`seed: body opened on line ${i + 1} is never closed`);
    const text = ['{', ...lines.slice(i + 1, end), '}'].join('\n');
    const value = JSON.parse(text) as { data?: { userId?: number } };
    const userId = value.data?.userId;
    if (typeof userId !== 'number') throw new Error(`seed: body on line ${i + 1} has no data.userId`);
    bodies.push({ userId, text, value });
    i = end;
  }
  return bodies;
}

export function readSeedBodies(): SeedBody[] | undefined {
  if (!existsSync(seedPath)) return undefined;
  return extractSeedBodies(readFileSync(seedPath, 'utf8'));
}

/** Index just past the bracket that closes the one at `open`, skipping brackets inside JSON strings. */
function matchBracket(text: string, open: number): number {
  const closer = { '{': '}', '[': ']' } as const;
  const stack: string[] = [];
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(closer[c]);
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) throw new Error(`seed: unbalanced "${c}" at offset ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`seed: bracket at offset ${open} is never closed`);
}

export interface SeedFragments {
  /** The `streaks` array of the page's first fragment (indented under a target group). */
  streaks: unknown[];
  /** The target object of the page's second fragment (one with `targetAchievedDateTime` set). */
  achievedTarget: Record<string, unknown>;
}

/** The two indented fragments the vendor's page prints after its complete bodies. */
export function extractSeedFragments(seedText: string): SeedFragments {
  const streaksKey = seedText.indexOf('"streaks": [');
  if (streaksKey < 0) throw new Error('seed: no "streaks" fragment found');
  const streaksOpen = seedText.indexOf('[', streaksKey);
  const streaksEnd = matchBracket(seedText, streaksOpen);
  const streaks = JSON.parse(seedText.slice(streaksOpen, streaksEnd)) as unknown[];
  const targetOpen = seedText.indexOf('{', streaksEnd);
  if (targetOpen < 0) throw new Error('seed: no target fragment after the streaks fragment');
  const achievedTarget = JSON.parse(seedText.slice(targetOpen, matchBracket(seedText, targetOpen))) as Record<
    string,
    unknown
  >;
  return { streaks, achievedTarget };
}
