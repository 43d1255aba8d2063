import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import { cliHint } from './hints';
import type { CliIO } from './io';
import { EXIT } from './io';

export interface SourceRunOptions {
  concurrency: number;
  debug: boolean;
}

/**
 * Runs `work` for each source with a concurrency bound. Results print in input order as soon as every earlier
 * source is done, failures become one line on stderr naming the source, and one failure never stops the others.
 * Returns the exit code: 0 when all succeeded, 1 otherwise.
 */
export async function runSources<T>(
  sources: string[],
  options: SourceRunOptions,
  io: CliIO,
  work: (source: string) => Promise<T>,
  print: (result: T, source: string) => void,
): Promise<number> {
  const limit = pLimit(Math.max(1, options.concurrency));
  const progress = io.stderr.isTTY === true && sources.length > 1;
  let done = 0;
  let failed = 0;
  const showProgress = (): void => {
    if (progress)
      io.stderr.write(`\r\x1b[2K${done}/${sources.length} done${failed ? `, ${failed} failed` : ''}`);
  };
  const clearProgress = (): void => {
    if (progress) io.stderr.write('\r\x1b[2K');
  };

  type Outcome = { ok: true; value: T } | { ok: false; error: unknown };
  const outcomes: (Outcome | undefined)[] = new Array<Outcome | undefined>(sources.length);
  let nextToPrint = 0;
  const flush = (): void => {
    while (nextToPrint < sources.length) {
      const outcome = outcomes[nextToPrint];
      if (!outcome) return;
      const source = sources[nextToPrint] as string;
      clearProgress();
      if (outcome.ok) {
        print(outcome.value, source);
      } else {
        const detail =
          options.debug && outcome.error instanceof Error
            ? (outcome.error.stack ?? outcome.error.message)
            : `${errorMessage(outcome.error)}${cliHint(outcome.error)}`;
        io.stderr.write(`sumops: ${source}: ${detail}\n`);
      }
      nextToPrint++;
      showProgress();
    }
  };

  showProgress();
  await Promise.all(
    sources.map((source, index) =>
      limit(async () => {
        try {
          outcomes[index] = { ok: true, value: await work(source) };
        } catch (error) {
          failed++;
          outcomes[index] = { ok: false, error };
        }
        done++;
        flush();
      }),
    ),
  );
  clearProgress();
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
