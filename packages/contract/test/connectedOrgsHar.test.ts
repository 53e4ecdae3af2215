// A HAR with calls on both paths: the connected-orgs (v3.1) calls are checked like the v3 ones (the same response
// schemas), not skipped, and a v3.1 body that breaks the contract is reported at its own URL, under its own operation.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectedFixturesDir } from '@target-groups/spec';
import { describe, expect, test } from 'vitest';
import { check } from '../src/commands/check/index.js';
import { runCommand, tempDir } from './diffSupport.js';
import { fixture } from './helpers.js';

type Json = Record<string, any>;

const HOST = 'https://eu.api.capillarytech.com';
const V3 = `${HOST}/v3/users/64035151/targetGroups`;
const V31 = `${HOST}/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups?includeInactive=true`;

function har(entries: { url: string; text: string; headers?: { name: string; value: string }[] }[]): string {
  return JSON.stringify({
    log: {
      entries: entries.map(({ url, text, headers = [] }) => ({
        request: { method: 'GET', url, headers },
        response: { status: 200, content: { size: text.length, mimeType: 'application/json', text } },
      })),
    },
  });
}

describe('a HAR with calls on both paths', () => {
  const connected = JSON.parse(readFileSync(path.join(connectedFixturesDir, '347286146.json'), 'utf8')) as Json;
  const broken = structuredClone(connected);
  broken.data.targetGroups[0].orgId = 'fifty';
  const scope = [
    { name: 'DATA-SCOPE', value: 'OTHER' },
    { name: 'DATA-SCOPE-ORG', value: '50363' },
  ];
  const dir = tempDir();

  test("the v3.1 page's body passes beside a v3 body: both are checked, none skipped", async () => {
    const file = path.join(dir, 'both.har');
    writeFileSync(
      file,
      har([
        { url: V3, text: JSON.stringify(fixture('64035151')) },
        { url: V31, text: JSON.stringify(connected), headers: scope },
      ]),
    );
    const ran = await runCommand(check.run, ['--format', 'json', file]);
    const report = JSON.parse(ran.stdout) as Json;
    expect(ran.code, ran.stderr).toBe(0);
    expect(report.summary.bodies).toBe(2);
    expect(report.summary.skippedEntries ?? 0).toBe(0);
  });

  test('a v3.1 body that breaks the contract is reported at its URL, the v3 body beside it is valid', async () => {
    const file = path.join(dir, 'broken.har');
    writeFileSync(
      file,
      har([
        { url: V3, text: JSON.stringify(fixture('64035151')) },
        { url: V31, text: JSON.stringify(broken), headers: scope },
      ]),
    );
    const ran = await runCommand(check.run, ['--format', 'json', file]);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.stdout) as Json;
    const [v3, v31] = report.files as Json[];
    expect(v3!.file).toMatch(/broken\.har#0$/);
    expect(v3!.valid).toBe(true);
    expect(v3!.operation).toBe('getUserTargetGroups');
    expect(v31!.file).toMatch(/broken\.har#1$/);
    expect(v31!.operation).toBe('getConnectedOrgUserTargetGroups');
    expect(v31!.valid).toBe(false);
    expect(v31!.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/data/targetGroups/0/orgId', severity: 'error' })]),
    );
    // The readable report names the entry by its URL: the v3.1 call's.
    const text = await runCommand(check.run, [file]);
    expect(text.stdout).toContain('/api_gateway/intouch-api-v3/v3.1/users/347286146/targetGroups');
    expect(text.stdout).toContain('/data/targetGroups/0/orgId');
  });
});
