import type { Command } from '../io';

/** `sumops eval` and `sumops eval merge`: each loads only its own code (a merge never needs the summarizers). */
export const run: Command = async (argv, io) =>
  argv[0] === 'merge'
    ? (await import('./eval-merge')).runMerge(argv.slice(1), io)
    : (await import('./eval')).run(argv, io);
