import { UsageError } from '#lib/errors';
import type { SummaryLength } from '#lib/summarize/types';

/** A summary length that is not a positive whole number (from a CLI flag, action input or API caller). */
export class InvalidSummaryLengthError extends UsageError {
  constructor(
    readonly option: keyof SummaryLength,
    readonly value: unknown,
  ) {
    super(
      `Invalid summary length: ${option} must be a whole number of at least 1, got ${String(value)}; fix the ${option} setting.`,
    );
  }
}

/** Checks the caller's length request before any work (or any paid model call) happens. */
export function validateSummaryLength(length: SummaryLength): void {
  for (const option of ['sentences', 'maxWords'] as const) {
    const value = length[option];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new InvalidSummaryLengthError(option, value);
    }
  }
}
