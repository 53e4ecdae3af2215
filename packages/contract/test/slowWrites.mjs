// Loaded with `node --import` by proposeAtomicWrite.test.ts: every write to a file in the directory SLOW_WRITES_DIR
// goes out in 8 KiB chunks, each announced on standard error (`write PATH BYTES`) and followed by a pause, and every
// rename is announced (`renamed FROM TO`) and followed by a pause, so that the test can kill the process at a chosen
// point of writing the spec. The writes themselves are the real ones; writes elsewhere are left alone.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const CHUNK = 8 * 1024;
const original = { openSync: fs.openSync, writeSync: fs.writeSync, closeSync: fs.closeSync, renameSync: fs.renameSync };
const paths = new Map();
const written = new Map();
const announce = (line) => original.writeSync(2, `\n${line}\n`);
const pause = (ms = 10) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// After the rename into the watched directory nothing is left to write: the run waits for its kill, which a loaded
// machine may deliver long after 10 ms, rather than finish first.
const AFTER_RENAME = 30_000;

const watched = process.env.SLOW_WRITES_DIR;
const inWatched = (file) => path.dirname(path.resolve(String(file))) === watched;

fs.openSync = (file, ...rest) => {
  const fd = original.openSync(file, ...rest);
  if (inWatched(file)) {
    paths.set(fd, String(file));
    written.set(fd, 0);
  }
  return fd;
};
fs.closeSync = (fd) => {
  paths.delete(fd);
  return original.closeSync(fd);
};
fs.writeSync = (fd, data, ...rest) => {
  if (!paths.has(fd)) return original.writeSync(fd, data, ...rest);
  const buffer = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.length);
  const offset = typeof data === 'string' ? 0 : (rest[0] ?? 0);
  const length = typeof data === 'string' ? buffer.length : (rest[1] ?? buffer.length - offset);
  const count = original.writeSync(fd, buffer, offset, Math.min(CHUNK, length));
  written.set(fd, written.get(fd) + count);
  announce(`write ${paths.get(fd)} ${written.get(fd)}`);
  pause();
  return count;
};
fs.writeFileSync = (file, data) => {
  const fd = fs.openSync(file, 'w');
  try {
    const buffer = Buffer.from(data);
    let done = 0;
    while (done < buffer.length) done += fs.writeSync(fd, buffer, done, buffer.length - done);
  } finally {
    fs.closeSync(fd);
  }
};
fs.renameSync = (from, to) => {
  original.renameSync(from, to);
  announce(`renamed ${from} ${to}`);
  pause(inWatched(to) ? AFTER_RENAME : 10);
};
syncBuiltinESMExports();
