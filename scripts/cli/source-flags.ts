import type { LoadFlags } from './load-options';
import { parseByteSizeFlag, parseIntFlag } from './options';

/** The commands that read sources (extract, summarize) share these help lines and flags. */
export const SOURCES_HELP = `Sources:
  https://…            a web page (HTML or plain text)
  path/to/file         .html/.htm, .txt/.md, .vtt/.srt captions, AWS Transcribe .json
  wiki:Title           a Wikipedia article (wiki:fr:Titre for another language)
  -                    standard input (HTML or text)`;

export const SOURCE_OPTIONS_HELP = `  --concurrency N      sources processed at once (default 4, 1–32)
  --max-bytes SIZE     cap on a source's size (a page decompressed, a file, stdin), e.g. 5M (default 5M)
  --deadline MS        give up on a source after MS milliseconds, reading, extraction and summarizing
                       included (default 60000, 1–3600000); the other sources still print
  --timeout MS         give up on downloading a URL after MS milliseconds (default 30000, 1–3600000)
  --connect-timeout MS give up on a URL that sends no response headers within MS (default 10000, 1–3600000)
  --debug              stack traces and progress notes on stderr`;

export const sourceFlagSpecs = {
  concurrency: { type: 'string' },
  'max-bytes': { type: 'string' },
  deadline: { type: 'string' },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  debug: { type: 'boolean' },
} as const;

/** The per-source end-to-end deadline when --deadline is not given. */
const DEFAULT_DEADLINE_MS = 60_000;

export interface SourceFlags extends LoadFlags {
  concurrency: number;
  deadlineMs: number;
  debug: boolean;
}

export function parseSourceFlags(values: {
  concurrency?: string | undefined;
  'max-bytes'?: string | undefined;
  deadline?: string | undefined;
  timeout?: string | undefined;
  'connect-timeout'?: string | undefined;
  debug?: boolean | undefined;
}): SourceFlags {
  const flags: SourceFlags = {
    concurrency: parseIntFlag('concurrency', values.concurrency, { min: 1, max: 32 }) ?? 4,
    deadlineMs: parseIntFlag('deadline', values.deadline, { min: 1, max: 3_600_000 }) ?? DEFAULT_DEADLINE_MS,
    debug: values.debug === true,
  };
  const connectTimeoutMs = parseIntFlag('connect-timeout', values['connect-timeout'], {
    min: 1,
    max: 3_600_000,
  });
  if (connectTimeoutMs !== undefined) flags.connectTimeoutMs = connectTimeoutMs;
  const maxBytes = parseByteSizeFlag('max-bytes', values['max-bytes']);
  if (maxBytes !== undefined) flags.maxBytes = maxBytes;
  const timeoutMs = parseIntFlag('timeout', values.timeout, { min: 1, max: 3_600_000 });
  if (timeoutMs !== undefined) flags.timeoutMs = timeoutMs;
  return flags;
}

/** `==> label <==` between sources when there are several, like head(1). */
export function sourceHeader(label: string, index: number, several: boolean): string {
  return several ? `${index > 0 ? '\n' : ''}==> ${label} <==\n` : '';
}
