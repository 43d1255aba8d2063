import * as core from '@actions/core';
import type { ActionLog } from './job';

/**
 * The library's Logger (plus notices) on top of the runner's log commands. Lives beside the action entries, not in
 * actions/lib, because the library never imports @actions/core.
 */
export const coreLogger: ActionLog = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  notice: (message) => core.notice(message),
};
