import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The first ```ts block of the README, or the first that contains `text`. */
export function readmeExample(text = ''): string {
  const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(text));
  if (!block) throw new Error(`README.md has no \`\`\`ts block${text && ` with ${text}`}`);
  return block;
}

/** Preloaded before the example: sends what it addresses to the EU host to the stand-in instead. */
export function redirectFetchModule(): string {
  return `const real = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const request = new Request(input, init);
  const url = request.url.replace('https://eu.api.capillarytech.com', process.env.STAND_IN_URL);
  return real(new Request(url, request));
};
`;
}
