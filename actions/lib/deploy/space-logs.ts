import { z } from 'zod';
import { errorMessage } from '#lib/errors';
import type { HubAccess } from './types';

export type SpaceLogKind = 'build' | 'run';

export interface LogTailOptions {
  access: HubAccess;
  spaceId: string;
  kind: SpaceLogKind;
  /** Lines kept from the end, default 40. */
  lines?: number;
  /** Stop reading after this many bytes, default 1 MiB. */
  maxBytes?: number;
  /** Stop reading after this long in total, default 10 s. */
  maxMs?: number;
  /** The endpoints follow the log like `tail -f`: stop once nothing arrived for this long, default 1.5 s. */
  idleMs?: number;
}

export interface LogTail {
  lines: string[];
  /** Reading stopped at the byte limit, so later lines may be missing. */
  truncated: boolean;
  /** Why no log could be read (the stage error must still be reported without it). */
  unavailable?: string;
}

const DEFAULT_LOG_TAIL_LINES = 40;
const MAX_LINE_CHARS = 2_000;

/** One server-sent event of `GET /api/spaces/{id}/logs/{build|run}` (huggingface_hub `fetch_space_logs`). */
const LogEventSchema = z.object({ data: z.string() });

/**
 * The last lines of a Space's build or run log, read from the Hub's SSE log endpoint within a byte and time
 * budget. Never throws: a log that cannot be read comes back empty with the reason.
 */
export async function readLogTail(options: LogTailOptions): Promise<LogTail> {
  const keep = options.lines ?? DEFAULT_LOG_TAIL_LINES;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const idleMs = options.idleMs ?? 1_500;
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), options.maxMs ?? 10_000);
  let idle: NodeJS.Timeout | undefined;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };

  const tail: string[] = [];
  const push = (line: string) => {
    tail.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line);
    if (tail.length > keep) tail.shift();
  };
  let truncated = false;
  const url = `${options.access.hubUrl.replace(/\/+$/, '')}/api/spaces/${options.spaceId}/logs/${options.kind}`;
  try {
    const response = await (options.access.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${options.access.accessToken}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return { lines: [], truncated: false, unavailable: `HTTP ${response.status}` };
    }
    const decoder = new TextDecoder();
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    let pending = '';
    let bytes = 0;
    for (;;) {
      armIdle();
      let chunk: { done: boolean; value?: Uint8Array };
      try {
        chunk = await reader.read();
      } catch {
        break; // idle or deadline abort: what arrived so far is the tail
      }
      if (chunk.done || !chunk.value) break;
      bytes += chunk.value.byteLength;
      pending += decoder.decode(chunk.value, { stream: true });
      const events = pending.split('\n');
      pending = events.pop() ?? '';
      for (const event of events) for (const line of eventLines(event)) push(line);
      // A line without its newline is still buffered; never let it grow past the budget either.
      if (bytes >= maxBytes || pending.length > maxBytes) {
        truncated = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
    for (const line of eventLines(pending)) push(line);
    return { lines: tail, truncated };
  } catch (error) {
    return { lines: tail, truncated, unavailable: errorMessage(error) };
  } finally {
    clearTimeout(deadline);
    clearTimeout(idle);
    controller.abort();
  }
}

/** The log text lines one `data: {"data": "…"}` SSE line carries; anything else (comments, keep-alives) is none. */
function eventLines(event: string): string[] {
  const match = /^data:\s?(.*)$/.exec(event.replace(/\r$/, ''));
  if (!match?.[1]) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return [];
  }
  const result = LogEventSchema.safeParse(parsed);
  if (!result.success) return [];
  return result.data.data
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((line) => line.trimEnd());
}
