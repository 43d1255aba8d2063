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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
