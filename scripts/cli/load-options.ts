import { Deadline } from '#lib/deadline/deadline';
import { systemClock } from '#lib/log';
import type { LoadOptions } from '#lib/ingest/index';
import type { CliIO } from './io';
import { createCliLogger } from './logger';

export interface LoadFlags {
  maxBytes?: number;
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * All of stdin, or its first `maxBytes + 1` bytes: once past the cap it stops reading (load then refuses it as too
 * large), so `- < /dev/zero` costs the cap in memory and not what the stream could still deliver.
 */
function readCapped(io: CliIO, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.byteLength;
      if (size > maxBytes) {
        io.stdin.off('data', onData);
        // Nothing more is read from it: destroying it lets the process exit while the writer still writes.
        io.stdin.destroy();
        resolve(Buffer.concat(chunks, size).subarray(0, maxBytes + 1));
      }
    };
    io.stdin.on('data', onData);
    io.stdin.once('end', () => resolve(Buffer.concat(chunks, size)));
    io.stdin.once('error', reject);
  });
}

/**
 * LoadOptions for CLI commands (`extract`, `summarize`): flags plus the environment. SUMOPS_WIKIPEDIA_URL overrides
 * the Wikipedia base (`{lang}` is replaced by the language), which is how the e2e tests reach their emulator.
 */
export function buildLoadOptions(io: CliIO, flags: LoadFlags & { debug?: boolean }): LoadOptions {
  let stdin: Promise<Buffer> | undefined;
  const options: LoadOptions = {
    logger: createCliLogger(io, { debug: flags.debug === true }),
    clock: systemClock,
    cwd: io.cwd,
    // Memoized: `-` given twice must not wait forever for a second end-of-file.
    readStdin: (maxBytes) => (stdin ??= readCapped(io, maxBytes)),
  };
  const wikipedia = io.env.SUMOPS_WIKIPEDIA_URL?.trim();
  if (wikipedia) options.wikipediaBaseUrl = wikipedia;
  if (flags.maxBytes !== undefined) options.maxBytes = flags.maxBytes;
  if (flags.timeoutMs !== undefined) {
    options.timeoutMs = flags.timeoutMs;
    options.connectTimeoutMs = Math.min(10_000, flags.timeoutMs);
  }
  if (flags.connectTimeoutMs !== undefined) options.connectTimeoutMs = flags.connectTimeoutMs;
  return options;
}

/** Runs one source's work under its own end-to-end deadline, stopping the timer when it settles. */
export async function withDeadline<T>(
  source: string,
  deadlineMs: number,
  work: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  const deadline = new Deadline(source, deadlineMs, systemClock);
  try {
    return await deadline.race(work(deadline));
  } finally {
    deadline.dispose();
  }
}
