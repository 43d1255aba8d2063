import * as core from '@actions/core';
import type { Logger } from '#lib/log';

/**
 * The library's Logger on top of the runner's log commands. Lives beside the action entries, not in actions/lib,
 * because the library never imports @actions/core.
 */
export const coreLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
};
