import type { Logger } from '#lib/log';
import type { CliIO } from './io';

/** Warnings always reach stderr; progress lines only when a person is watching (TTY) or with --debug. */
export function createCliLogger(io: CliIO, options: { debug: boolean }): Logger {
  // Asked at the first progress line, not up front: reading isTTY builds process.stderr, which a run without
  // anything to report never needs (stdout.ts).
  let chatty: boolean | undefined;
  return {
    debug: (message) => {
      if (options.debug) io.stderr.write(`sumops: debug: ${message}\n`);
    },
    info: (message) => {
      chatty ??= options.debug || io.stderr.isTTY === true;
      if (chatty) io.stderr.write(`sumops: ${message}\n`);
    },
    warn: (message) => {
      io.stderr.write(`sumops: warning: ${message}\n`);
    },
  };
}
