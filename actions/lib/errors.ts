/**
 * Base of every error sumops raises on purpose. Entries print `message` alone (no stack) unless asked for debug
 * output, so the message must name what failed and what to do about it.
 */
export class SumopsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad arguments or configuration: entries exit with code 2. */
export class UsageError extends SumopsError {}

/**
 * A setting's value that doesn't parse. Carries the value and what was expected so each entry can name its own
 * flag or input (`--threshold`, `thresholds`) instead of the library guessing.
 */
export class InvalidValueError extends UsageError {
  constructor(
    /** What the value is, in the library's words: "threshold", "tolerance", "Space". */
    readonly what: string,
    readonly value: string,
    /** Usually "expected …"; what a valid value looks like. */
    readonly expected: string,
  ) {
    super(`invalid ${what} "${value}": ${expected}`);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
