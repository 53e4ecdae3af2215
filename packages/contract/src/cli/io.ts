export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Bad usage: one line on stderr, the usage, exit code 2. */
export class UsageError extends Error {}
