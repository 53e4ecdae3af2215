import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { fixturesDir } from './helpers.js';

function capture(isTTY: boolean) {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, env: {} }, text: () => ({ out, err }) };
}

describe('progress', () => {
  const input = `${fixturesDir}/566881933.json`;

  it('is written to standard error when it is a terminal, never to standard output', async () => {
    const { io, text } = capture(true);
    expect(await main(['check', '--format', 'json', input], io)).toBe(0);
    const { out, err } = text();
    expect(err).toContain('\r\x1b[K');
    expect(JSON.parse(out).files).toHaveLength(1);
  });

  it('is silent when standard error is not a terminal, or with --quiet', async () => {
    for (const [isTTY, args] of [
      [false, ['check', input]],
      [true, ['check', '--quiet', input]],
    ] as const) {
      const { io, text } = capture(isTTY);
      expect(await main([...args], io)).toBe(0);
      expect(text().err).toBe('');
    }
  });
});
