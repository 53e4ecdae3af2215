// Running a journey's commands: a child process to its end (or a deadline), its exit code and output, never a throw,
// so that a failed step shows what it printed.
import { spawn } from 'node:child_process';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}

export function run(command: string, args: string[], { cwd, env, timeoutMs = 240_000 }: RunOptions): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A step past its deadline is stopped with whatever it started (its process group).
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A shell block as a reader pastes it into bash: line after line, the exit code of the last one. */
export const runShell = (code: string, options: RunOptions) => run('bash', ['-c', code], options);

/** What a failed step printed, for the assertion's message. */
export const transcript = (ran: Ran) =>
  `exit ${ran.code ?? ran.signal}\n--- stdout\n${ran.stdout.slice(-6000)}\n--- stderr\n${ran.stderr.slice(-6000)}`;
