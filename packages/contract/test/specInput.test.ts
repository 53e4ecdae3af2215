// Specs named on the command line (a path, git:REF) are read through the spec reader, as text when they are not a
// file: an alias bomb and a remote $ref are refused with exit 2 and a one-line reason; nothing is fetched.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { aliasBombText, type RecordingServer, startRecordingServer } from '@target-groups/spec/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../src/commands/diff/index.js';
import { readSpecText } from '../src/spec/specInput.js';
import { contractText, gitRepoWithSpec, runCommand, tempDir } from './diffSupport.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

describe('specs read by diff, check and propose', () => {
  test('diff git:REF refuses an alias bomb at that ref, naming the ref, the line and the reason', async () => {
    const repo = gitRepoWithSpec(aliasBombText(), 'bomb');
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
      contractText().replace(
        '          example: Invalid userId\n',
        `          example: {"$ref": "${server.url}/x.yaml"}\n`,
      ),
    );
    const ran = await runCommand(run, [file, file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      `$ref "${server.url}/x.yaml" at /components/schemas/ErrorItem/properties/message/example`,
    );
    expect(server.requests).toEqual([]);
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
