import type { Readable } from 'node:stream';

/** One input line, or the fact that it was longer than the cap (its bytes were dropped as they arrived). */
export type BoundedLine = { text: string } | { tooLong: true };

/**
 * Lines of a stream (LF or CRLF), each held in memory only up to `maxBytes`: readline would buffer a line of any
 * length, so one endless line could take all memory. A longer line is discarded while it streams in and reported.
 */
export async function* boundedLines(input: Readable, maxBytes: number): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const finish = (): BoundedLine => {
    const line: BoundedLine = overflow
      ? { tooLong: true }
      : { text: Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(10, start);
      const end = newline < 0 ? bytes.length : newline;
      if (!overflow) {
        size += end - start;
        if (size > maxBytes) {
          overflow = true;
          parts = [];
        } else parts.push(bytes.subarray(start, end));
      }
      if (newline < 0) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (size > 0 || overflow) yield finish();
}
