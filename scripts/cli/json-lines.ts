import { boundedLines } from './bounded-lines';
import { describeCliError } from './error-hints';
import type { CliIO } from './io';
import { EXIT } from './io';

/**
 * The loop of the JSONL scoring commands (rouge, faithfulness). Each non-blank line of stdin, capped at `maxBytes`
 * (a longer one is dropped as it streams in and named), goes to `score`, whose result is written as one JSON line as
 * soon as it is ready; a line that fails is reported on stderr and the others are still scored. Exit 1 when any
 * line failed.
 */
export async function scoreJsonLines(
  io: CliIO,
  command: string,
  maxBytes: number,
  score: (text: string, line: number) => unknown,
  describeError: (error: unknown, line: number) => string = (error) => describeCliError(error),
): Promise<number> {
  let lineNumber = 0;
  let failed = 0;
  for await (const line of boundedLines(io.stdin, maxBytes)) {
    lineNumber++;
    if (!('text' in line)) {
      failed++;
      io.stderr.write(`sumops ${command}: line ${lineNumber}: longer than ${maxBytes} bytes; skipped\n`);
      continue;
    }
    if (line.text.trim().length === 0) continue;
    try {
      const output = `${JSON.stringify(score(line.text, lineNumber))}\n`;
      if (!io.stdout.write(output)) await io.stdout.drained();
    } catch (error) {
      failed++;
      io.stderr.write(`sumops ${command}: ${describeError(error, lineNumber)}\n`);
    }
  }
  if (failed > 0)
    io.stderr.write(`sumops ${command}: ${failed} of the input lines failed; see the messages above\n`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
