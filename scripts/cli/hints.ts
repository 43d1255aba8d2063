import { DeadlineExceededError } from '#lib/deadline/deadline';
import { FetchTimeoutError, NotARegularFileError, SourceTooLargeError } from '#lib/ingest/index';

/** The CLI's advice for library errors that state a limit: which flag moves it. Empty when there is none. */
export function cliHint(error: unknown): string {
  if (error instanceof DeadlineExceededError) return ' (raise --deadline to allow more time)';
  if (error instanceof SourceTooLargeError) return ' (raise --max-bytes if it is legitimate)';
  // The connect phase has its own flag; the total phase's message still names --timeout itself.
  if (error instanceof FetchTimeoutError && error.phase === 'connect')
    return ' (raise --connect-timeout to wait longer)';
  if (error instanceof NotARegularFileError) return ' (to read a stream, pipe it to - on stdin)';
  return '';
}
