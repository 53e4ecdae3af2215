// A HAR URL is reported without its user info, and with query values only for the parameters the operation declares:
// a capture's URL may carry a credential (`https://user:password@host/...?access_token=...`).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { shownUrl } from '../src/check/input-formats/shownUrl.js';
import { check } from '../src/commands/check/index.js';
import { runCommand, tempDir } from './diffSupport.js';
import { fixture } from './helpers.js';

type Json = Record<string, any>;

function har(entries: { url: string; text?: string }[]): string {
  return JSON.stringify({
    log: {
      entries: entries.map(({ url, text }) => ({
        request: { method: 'GET', url, headers: [] },
        response: { status: 200, content: text === undefined ? { size: 0 } : { size: text.length, text } },
      })),
    },
  });
}

describe('a HAR URL in the reports: no user info, query values only for declared parameters', () => {
  const drifted = fixture('64035151') as Json;
  drifted.data.targetGroups[0].targets[0].eventName = null;
  const dir = tempDir();
  const file = path.join(dir, 'capture.har');
  const secretUrl =
    'https://till:s3cr3tpass@eu.api.capillarytech.com/v3/users/64035151/targetGroups?includeInactive=true&access_token=T0KEN&targetRuleId=7#access_token=FRAG';
  writeFileSync(
    file,
    har([{ url: secretUrl, text: JSON.stringify(drifted) }, { url: secretUrl.replace('64035151', '1') }]),
  );
  const shown =
    'https://eu.api.capillarytech.com/v3/users/64035151/targetGroups?includeInactive=true&access_token=[redacted]&targetRuleId=7#[redacted]';

  test.each(['text', 'json', 'sarif'])('--format %s', async (format) => {
    const ran = await runCommand(check.run, ['--format', format, file]);
    const all = ran.stdout + ran.stderr;
    for (const secret of ['till', 's3cr3tpass', 'T0KEN', 'FRAG']) expect(all).not.toContain(secret);
    if (format !== 'sarif') expect(all).toContain(shown);
    expect(all).toContain(shown.replace('64035151', '1'));
  });
});

describe('shownUrl', () => {
  const declared = new Set(['includeInactive']);
  test.each([
    ['https://a:b@h.example:8443/p?includeInactive=1&t=x', 'https://h.example:8443/p?includeInactive=1&t=[redacted]'],
    ['https://h.example/p?t&includeInactive', 'https://h.example/p?t&includeInactive'],
    ['/v3/users/1/targetGroups?token=abc#frag', '/v3/users/1/targetGroups?token=[redacted]#[redacted]'],
    ['user:pw@h.example/p?includeInactive=true', 'h.example/p?includeInactive=true'],
    ['https://h.example/p?%zz=1&includeInactive=%41', 'https://h.example/p?%zz=[redacted]&includeInactive=%41'],
    ['not a url', 'not a url'],
    ['http://127.0.0.1:4510', 'http://127.0.0.1:4510'],
    ['https://H.example/p?includeInactive=%41', 'https://H.example/p?includeInactive=%41'],
  ])('%s', (url, shown) => {
    expect(shownUrl(url, declared)).toBe(shown);
  });
});
