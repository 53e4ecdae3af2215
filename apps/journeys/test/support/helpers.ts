import { spawn, type ChildProcess } from 'node:child_process';
import { createValidator } from '@target-groups/contract';

// The mock checks that credentials are present, not what they are.
export const BASIC = `Basic ${Buffer.from('store.till:5ebe2294ecd0e0f08eab7690d2a6ee69').toString('base64')}`;

export const validator = createValidator();

type Violation = ReturnType<typeof validator.validate>[number];

export function errorsOf(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'error');
}

export { freedWithin, freePort, listening } from '@target-groups/spec/testing';

export interface RunningScript {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `command` (a file run by `node`, or `pnpm`) with `args`, collecting its output. */
export function run(command: string, args: string[], env: Record<string, string>, cwd?: string): RunningScript {
  const [file, argv] = command === 'pnpm' ? ['pnpm', args] : [process.execPath, [command, ...args]];
  const child = spawn(file, argv, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += String(c)));
  child.stderr!.on('data', (c) => (err += String(c)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    async waitFor(pattern, timeoutMs = 150_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(out);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > end)
          throw new Error(`no ${pattern} in the output (exit ${child.exitCode}):\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

export interface SlViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Prism's `sl-violations` response header, parsed (empty when absent). */
export function slViolations(res: Response): SlViolation[] {
  const header = res.headers.get('sl-violations');
  return header ? (JSON.parse(header) as SlViolation[]) : [];
}
