// Standard output without process.stdout while it can be done without. Node builds process.stdout on first use, for
// a pipe as a socket (net, the streams and their modules: ~3 ms, more than a tenth of `sumops --help`,
// scripts/bench/bench-cli.ts), and most commands print a few lines. A synchronous write to file descriptor 1 delivers
// them as well, in order. The stream is built only when such a write cannot finish at once (descriptor 1 left in
// non-blocking mode by whoever started us, and a reader slower than we write); from then on everything goes
// through it, so the order still holds.

export interface Stdout {
  /** Writes `chunk`; false when part of it is queued, and then drained() says when it has gone out. */
  write(chunk: string | Uint8Array): boolean;
  drained(): Promise<void>;
}

/** What createStdout writes with; the defaults are file descriptor 1 and process.stdout. */
export interface StdoutTarget {
  /** Writes some of `bytes` at once and returns how many, like fs.writeSync; throws EAGAIN when none fit. */
  writeSync: (bytes: Uint8Array) => number;
  stream: () => NodeJS.WritableStream & { writableNeedDrain: boolean };
  /** A reader that went away (EPIPE): end quietly, as `sumops extract … | head -1` expects. */
  onClosed: () => never;
}

function defaultTarget(): StdoutTarget {
  const { writeSync } = process.getBuiltinModule('node:fs');
  return {
    writeSync: (bytes) => writeSync(1, bytes),
    stream: () => process.stdout,
    onClosed: () => process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0),
  };
}

export function createStdout(target: StdoutTarget = defaultTarget()): Stdout {
  let stream: ReturnType<StdoutTarget['stream']> | undefined;
  const streamed = (): NonNullable<typeof stream> => {
    if (stream === undefined) {
      stream = target.stream();
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') target.onClosed();
        throw error;
      });
    }
    return stream;
  };
  return {
    write(chunk) {
      if (stream !== undefined) return stream.write(chunk);
      let rest = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      try {
        while (rest.length > 0) rest = rest.subarray(target.writeSync(rest));
        return true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') target.onClosed();
        if (code !== 'EAGAIN') throw error;
        return streamed().write(rest);
      }
    },
    drained() {
      const current = stream;
      if (current === undefined || !current.writableNeedDrain) return Promise.resolve();
      return new Promise((resolve) => current.once('drain', () => resolve()));
    },
  };
}
