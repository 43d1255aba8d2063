import type { Deadline } from '#lib/deadline/deadline';
import type { Clock, Logger } from '#lib/log';

/** Everything `load` touches outside itself, injected so the CLI, actions and tests run the same code. */
export interface LoadOptions {
  logger: Logger;
  clock: Clock;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * Reads stdin for the `-` source, stopping once it has more than `maxBytes` (load refuses that as too large, so
   * an endless stream such as `< /dev/zero` is never buffered whole).
   */
  readStdin?: (maxBytes: number) => Promise<Buffer | string>;
  /** The source's end-to-end deadline; reading and extraction check it and name their stage when it passes. */
  deadline?: Deadline;
  /** Base of the Wikipedia sites, `{lang}` replaced by the language; default `https://{lang}.wikipedia.org`. */
  wikipediaBaseUrl?: string;
  /** Relative file paths resolve against this directory. */
  cwd?: string;
  /** Cap on DECOMPRESSED body bytes, local files and stdin too; default 5 MB. */
  maxBytes?: number;
  /** Whole fetch, body included; default 30 s. */
  timeoutMs?: number;
  /** Until response headers arrive (connect + server think time); default 10 s. */
  connectTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Extra attempts after 429/503; default 2. */
  retries?: number;
  /** Longest Retry-After we are willing to wait; default 30 s. */
  maxRetryAfterMs?: number;
  userAgent?: string;
}

const DEFAULT_USER_AGENT = 'sumops/0.1.0 (+https://github.com/sumops/sumops; text summarization bot)';

export interface ResolvedLoadOptions extends Required<Omit<LoadOptions, 'readStdin' | 'cwd' | 'deadline'>> {
  readStdin?: (maxBytes: number) => Promise<Buffer | string>;
  cwd?: string;
  deadline?: Deadline;
}

export function resolveLoadOptions(options: LoadOptions): ResolvedLoadOptions {
  return {
    ...options,
    // Read on the first request, not here: the global fetch is a getter that loads Node's bundled undici (~15 ms),
    // which a run over local files never needs.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    wikipediaBaseUrl: options.wikipediaBaseUrl ?? 'https://{lang}.wikipedia.org',
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 5,
    retries: options.retries ?? 2,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  };
}
