// What the CLI tests share: a scratch folder for the files they check, and the bodies and HAR entries put in it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fixture } from './helpers.js';

export type Json = Record<string, unknown>;

/** A folder made before the file's tests and removed after them; `file` writes into it and returns the path. */
export function scratchFolder(prefix: string) {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    file(name: string, content: string | Buffer): string {
      const p = path.join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

/** A seed body with its first target changed by `change`. */
export function drifted(userId: string, change: (target: Json, body: Json) => void): Json {
  const body = fixture(userId);
  const target = (((body.data as Json).targetGroups as Json[])[0]!.targets as Json[])[0]!;
  change(target, body);
  return body;
}

export function harEntry(
  url: string,
  status: number,
  text: string | undefined,
  encoding?: string,
  method = 'GET',
): Json {
  const content: Json = { size: text?.length ?? 0, mimeType: 'application/json' };
  if (text !== undefined) content.text = text;
  if (encoding) content.encoding = encoding;
  return { request: { method, url, headers: [] }, response: { status, statusText: '', headers: [], content } };
}
