import { systemClock } from '#lib/log';
import type { LoadOptions } from '#lib/ingest/index';
import type { CliIO } from './io';
import { createCliLogger } from './logger';

export interface LoadFlags {
  maxBytes?: number;
  timeoutMs?: number;
}

function readAll(io: CliIO): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    io.stdin.on('data', (chunk: Buffer | string) =>
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
    );
    io.stdin.once('end', () => resolve(Buffer.concat(chunks)));
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
    readStdin: () => (stdin ??= readAll(io)),
  };
  const wikipedia = io.env.SUMOPS_WIKIPEDIA_URL?.trim();
  if (wikipedia) options.wikipediaBaseUrl = wikipedia;
  if (flags.maxBytes !== undefined) options.maxBytes = flags.maxBytes;
  if (flags.timeoutMs !== undefined) {
    options.timeoutMs = flags.timeoutMs;
    options.connectTimeoutMs = Math.min(10_000, flags.timeoutMs);
  }
  return options;
}
