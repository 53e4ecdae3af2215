// Specs named on the command line (a path, git:REF) are read through the spec reader, as text when they are not a
// file: an alias bomb and a remote $ref are refused with exit 2 and a one-line reason; nothing is fetched.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../src/commands/diff/index.js';
import { readSpecText } from '../src/spec/specInput.js';
import { contractText, gitRepoWithSpec, runCommand, tempDir } from './diffSupport.js';

const requests: string[] = [];
const server = createServer((req, res) => {
  requests.push(`${req.method} ${req.url}`);
  res.end('type: string\n');
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Eight levels of nine aliased property schemas: 9^8 schemas for any walker that expands them. */
function aliasBomb(): string {
  const properties = (value: string) => `{ ${Array.from({ length: 9 }, (_, i) => `p${i}: ${value}`).join(', ')} }`;
  const lines = ['openapi: 3.1.0', "info: { title: bomb, version: '1' }", 'paths: {}', 'components:', '  schemas:'];
  lines.push(`    L0: &l0 { type: object, properties: ${properties('{ type: string }')} }`);
  for (let level = 1; level < 8; level++)
    lines.push(`    L${level}: &l${level} { type: object, properties: ${properties(`*l${level - 1}`)} }`);
  return `${lines.join('\n')}\n`;
}

describe('specs read by diff, check and propose', () => {
  test('diff git:REF refuses an alias bomb at that ref, naming the ref, the line and the reason', async () => {
    const repo = gitRepoWithSpec(aliasBomb(), 'bomb');
    const ran = await runCommand(run, ['git:bomb', 'spec/targetGroups.yaml'], repo);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /^target-groups-contract diff: cannot read spec git:bomb: git:bomb:spec\/targetGroups\.yaml:7:\d+: refused: .*alias bomb/,
    );
  });

  test('diff refuses a spec file whose example holds a remote $ref; nothing is fetched', async () => {
    const file = path.join(tempDir(), 'remote.yaml');
    writeFileSync(
      file,
      contractText().replace('          example: Invalid userId\n', `          example: {"$ref": "${url}/x.yaml"}\n`),
    );
    const ran = await runCommand(run, [file, file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`$ref "${url}/x.yaml" at /components/schemas/ErrorItem/properties/message/example`);
    expect(requests).toEqual([]);
  });

  test('text of a file resolves its $refs in its directory; text from git may reference no file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'errorItem.yaml'), 'type: object\ndescription: from a file\n');
    const text = contractText().replace("$ref: '#/components/schemas/ErrorItem'", "$ref: './errorItem.yaml'");
    const edited = await readSpecText(text, 'spec.yaml', path.join(dir, 'spec.yaml'));
    expect(JSON.stringify(edited.dereferenced)).toContain('from a file');
    await expect(readSpecText(text, 'git:v1', 'git:v1:spec/targetGroups.yaml')).rejects.toThrow(
      /from a spec read as text/,
    );
  });
});
