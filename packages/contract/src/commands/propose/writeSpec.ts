/**
 * Writing the proposal over the spec in one step: the text goes to a temporary file beside the spec (same
 * directory, so same file system), is flushed to disk, and is renamed over the spec. A process killed at any moment
 * leaves the old spec or the new one, byte for byte; a failure on the way leaves the old one and removes the
 * temporary file. A temporary file that a killed run left behind is removed by the next run.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The file operations used (the default is `node:fs`; a test passes one that fails). */
export type FileOps = Pick<
  typeof fs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'rmSync'
  | 'statSync'
  | 'readdirSync'
  | 'realpathSync'
>;

/** The spec could not be written; the message says why and that the spec is unchanged. */
export class WriteError extends Error {
  override name = 'WriteError';
}

const TEMP = /^\.(.+)\.propose-(\d+)-[0-9a-z]+\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files of runs that were killed while writing `file` (their process is gone). */
function clearLeftovers(file: string, io: FileOps): void {
  const dir = path.dirname(file);
  for (const name of io.readdirSync(dir)) {
    const match = TEMP.exec(name);
    if (match && match[1] === path.basename(file) && !alive(Number(match[2])))
      io.rmSync(path.join(dir, name), { force: true });
  }
}

/** Replaces `file` by `text` atomically; throws WriteError (the file unchanged) when it cannot. */
export function writeFileAtomically(spec: string, text: string, overrides: Partial<FileOps> = {}): void {
  const io: FileOps = { ...fs, ...overrides };
  let file = spec;
  try {
    // A link to the spec stays a link: the file it points at is the one replaced.
    file = io.realpathSync(spec);
  } catch (error) {
    throw new WriteError(`cannot write ${spec}: ${(error as Error).message}`);
  }
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.propose-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  let fd: number | undefined;
  try {
    clearLeftovers(file, io);
    const { mode } = io.statSync(file);
    fd = io.openSync(temp, 'wx', mode & 0o777);
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) done += io.writeSync(fd, bytes, done, bytes.length - done);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // The descriptor is gone already; the temporary file is removed below either way.
      }
    }
    io.rmSync(temp, { force: true });
    throw new WriteError(`cannot write ${spec} (the file is unchanged): ${(error as Error).message}`);
  }
}
