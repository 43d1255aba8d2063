import { describeNetworkError } from '#lib/net/network-error';
import type { Clock, Logger } from '#lib/log';
import { errorMessage } from '#lib/errors';

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  clock: Clock;
  logger: Logger;
  /** Names the operation in progress messages. */
  label: string;
  isTransient(error: unknown): boolean;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class RetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly last: unknown,
  ) {
    super(errorMessage(last), { cause: last });
  }
}

/**
 * Runs `task` until it succeeds, retrying transient failures with exponential backoff. A permanent failure is
 * rethrown as is; running out of attempts throws RetriesExhausted so callers can say how often they tried.
 */
export async function withRetries<T>(
  task: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 16_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (!options.isTransient(error)) throw error;
      if (attempt > options.retries) throw new RetriesExhausted(attempt, error);
      const delay = Math.min(max, base * 2 ** (attempt - 1));
      options.logger.warn(
        `${options.label}: ${describeNetworkError(error).reason.trim()}; retrying in ${delay / 1000}s (attempt ${attempt + 1} of ${options.retries + 1})`,
      );
      await options.clock.sleep(delay);
    }
  }
}
