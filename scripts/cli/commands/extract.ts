import type { Command } from '../io';
import { EXIT } from '../io';

// Placeholder until the command lands; replaced by its implementation.
export const run: Command = (_argv, io) => {
  io.stderr.write('sumops extract: not available yet\n');
  return Promise.resolve(EXIT.usage);
};
