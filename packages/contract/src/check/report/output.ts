/**
 * Buffered writes to a stream that wait for `drain`, so a slow reader of a large report cannot fill memory. A reader
 * that goes away (`check ... | head`: EPIPE) ends the writing, not the check: the exit code still says what was found.
 */
export interface Output {
  write(text: string): void | Promise<void>;
  end(): Promise<void>;
  /** True once the reader went away; nothing more is written. */
  readonly closed: boolean;
}

export function streamOutput(stream: NodeJS.WritableStream): Output {
  let pending = '';
  let closed = false;
  let wake: (() => void) | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    closed = true;
    wake?.();
  });
  const flush = async (): Promise<void> => {
    const text = pending;
    pending = '';
    if (closed || !text) return;
    if (!stream.write(text))
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.once('drain', () => resolve());
      });
    wake = undefined;
  };
  return {
    write(text) {
      if (closed) return undefined;
      pending += text;
      if (pending.length >= 1 << 16) return flush();
      return undefined;
    },
    end: flush,
    get closed() {
      return closed;
    },
  };
}
