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

/**
 * An error about one named thing (a source, a file, a feed URL). `message` names it, for where nothing else does;
 * `relativeMessage` says the same without naming it, for printers that name `subject` first (`sumops: SOURCE: …`,
 * a row per URL), so that the name appears once.
 */
export interface ErrorAboutSubject {
  readonly subject: string;
  readonly relativeMessage: string;
}

function isAboutSubject(error: unknown): error is Error & ErrorAboutSubject {
  return (
    error instanceof Error &&
    typeof (error as Partial<ErrorAboutSubject>).subject === 'string' &&
    typeof (error as Partial<ErrorAboutSubject>).relativeMessage === 'string'
  );
}

/** A Node.js system error (ENOENT, EACCES…): "CODE: description, syscall 'path'", or without the path. */
function isSystemError(error: unknown): error is Error & { code: string; syscall: string; path?: unknown } {
  const fields = error as { code?: unknown; syscall?: unknown };
  return error instanceof Error && typeof fields.code === 'string' && typeof fields.syscall === 'string';
}

/**
 * The error's message for a printer that has just named `subject`: without the name when the error is about that
 * same subject (its relativeMessage, or a Node.js file error on that path or on none), else the whole message.
 */
export function messageAfter(subject: string, error: unknown): string {
  if (isAboutSubject(error) && error.subject === subject) return error.relativeMessage;
  if (isSystemError(error) && (error.path === undefined || error.path === subject)) {
    const description = error.message
      .replace(`${error.code}: `, '')
      .replace(new RegExp(`, ${error.syscall}( '.*')?$`, 's'), '')
      .trim();
    return `${description} (${error.code})`;
  }
  return errorMessage(error);
}
