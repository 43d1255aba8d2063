import type { Readable, Writable } from 'node:stream';
import type { Stdout } from './stdout';

/** What a CLI command may touch; tests drive commands through a real child process instead of faking this. */
export interface CliIO {
  stdin: Readable;
  stdout: Stdout;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export type Command = (argv: string[], io: CliIO) => Promise<number>;
