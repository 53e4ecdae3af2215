/** What a subcommand's `run(argv, io)` writes to and reads from; the CLI passes the process's streams. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Directory that relative paths and `git:REF` are resolved from (default: the process's). */
  cwd?: string;
}

/** Bad usage: one line on stderr, the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Writes `text` and resolves once the stream has taken it (a pipe may be slower than the process). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });
}
