import type { Logger } from '#lib/log';
import type { CliIO } from './io';

/** Warnings always reach stderr; progress lines only when a person is watching (TTY) or with --debug. */
export function createCliLogger(io: CliIO, options: { debug: boolean }): Logger {
  const chatty = options.debug || io.stderr.isTTY === true;
  return {
    debug: (message) => {
      if (options.debug) io.stderr.write(`sumops: debug: ${message}\n`);
    },
    info: (message) => {
      if (chatty) io.stderr.write(`sumops: ${message}\n`);
    },
    warn: (message) => {
      io.stderr.write(`sumops: warning: ${message}\n`);
    },
  };
}
