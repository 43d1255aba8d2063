import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as users do (`node bin/sumops.js …`) in a child process, from the repository root. */
export function runCli(
  args: string[],
  options: {
    env?: Record<string, string>;
    unsetEnv?: string[];
    /** Text to write to stdin, then end it. */
    stdin?: string;
    /** A file (e.g. /dev/zero) opened as the child's stdin, as the shell's `< file` does. */
    stdinFile?: string;
    /** Keep stdin open and silent, like a pipe whose writer never writes. */
    holdStdin?: boolean;
    cwd?: string;
    /** Close our end of stdout after the first chunk, like `| head -c N`. */
    closeStdoutEarly?: boolean;
  } = {},
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of options.unsetEnv ?? []) delete env[name];
  return new Promise((resolve, reject) => {
    const stdinFd = options.stdinFile === undefined ? undefined : openSync(options.stdinFile, 'r');
    const child = spawn(process.execPath, [join(repoRoot, 'bin/sumops.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'],
    });
    if (stdinFd !== undefined) closeSync(stdinFd);
    let stdout = '';
    let stderr = '';
    const out = child.stdout as Readable;
    out.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.closeStdoutEarly) out.destroy();
    });
    (child.stderr as Readable).on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin?.destroy();
      resolve({ code, stdout, stderr });
    });
    if (child.stdin && !options.holdStdin) child.stdin.end(options.stdin ?? '');
  });
}
