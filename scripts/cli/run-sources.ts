import pLimit from 'p-limit';
import { sourceErrorLine } from './error-hints';
import type { CliIO } from './io';
import { EXIT } from './io';
import { progressLine } from './progress-line';

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
  const progress = progressLine(io, sources.length > 1);
  let done = 0;
  let failed = 0;
  const showProgress = (): void => {
    progress.show(`${done}/${sources.length} done${failed ? `, ${failed} failed` : ''}`);
  };
  const clearProgress = (): void => {
    progress.clear();
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
        io.stderr.write(`${sourceErrorLine(undefined, source, outcome.error, options)}\n`);
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
