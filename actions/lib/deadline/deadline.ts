import { SumopsError } from '#lib/errors';
import type { Clock } from '#lib/log';

/** Where a source's work can be when its deadline passes. */
export type Stage = 'reading' | 'extraction' | 'summarization';

/** The whole of one source's work (reading, extraction, summarization) took longer than its deadline. */
export class DeadlineExceededError extends SumopsError {
  constructor(
    readonly source: string,
    readonly stage: Stage,
    readonly deadlineMs: number,
  ) {
    super(`gave up during ${stage}: the ${deadlineMs} ms deadline for this source passed`);
  }
}

/**
 * One end-to-end time bound per source. Waiting (reads, fetches, provider calls) is raced against a timer and
 * aborted through `signal`; synchronous work cannot be interrupted in JavaScript, so it is kept near-linear and
 * bounded in size, and `check()` is called between its steps so a source that overran still fails, naming the
 * stage it was in, instead of going on to the next.
 */
export class Deadline {
  readonly #end: number;
  readonly #controller = new AbortController();
  readonly #timer = new AbortController();
  #stage: Stage = 'reading';

  constructor(
    readonly source: string,
    readonly deadlineMs: number,
    private readonly clock: Clock,
  ) {
    this.#end = clock.now() + deadlineMs;
    clock.sleep(deadlineMs, this.#timer.signal).then(
      () => this.#controller.abort(this.#error()),
      () => {},
    );
  }

  get stage(): Stage {
    return this.#stage;
  }

  /** Aborted (with a DeadlineExceededError as reason) when the deadline passes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Starts a stage; throws if the deadline already passed. */
  enter(stage: Stage): void {
    this.check();
    this.#stage = stage;
  }

  /** Throws a DeadlineExceededError naming the current stage once the deadline has passed. */
  check(): void {
    if (this.#controller.signal.aborted || this.clock.now() >= this.#end) throw this.#error();
  }

  /** Settles like `work`, or rejects with a DeadlineExceededError when the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) return Promise.reject(this.#error());
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.#error());
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Stops the timer so that a finished source does not keep the process alive. */
  dispose(): void {
    this.#timer.abort();
  }

  #error(): DeadlineExceededError {
    return new DeadlineExceededError(this.source, this.#stage, this.deadlineMs);
  }
}
