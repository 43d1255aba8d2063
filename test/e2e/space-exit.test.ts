import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator } from '../emulators/gradio';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'test/emulators/gradio-client-once.ts';
const ARTICLE = readFileSync(new URL('../fixtures/space/article.txt', import.meta.url), 'utf8');
const EXIT_TIMEOUT_MS = 15_000;

let app: GradioEmulator | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

interface ChildResult {
  exitedByItself: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the child and kills it if it has not exited by itself within the timeout. */
function runChild(url: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url], { cwd: ROOT, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exitedByItself = true;
    const timer = setTimeout(() => {
      exitedByItself = false;
      child.kill('SIGKILL');
    }, EXIT_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitedByItself, code, stdout, stderr });
    });
    child.stdin.end(ARTICLE);
  });
}

describe('a process that summarized through the Space provider', () => {
  it.each([
    { heartbeat: false, why: 'the plain case' },
    { heartbeat: true, why: 'an app with connect_heartbeat, whose stream Client.close() leaves open' },
  ])(
    'exits by itself after close() — $why',
    async ({ heartbeat }) => {
      app = await startGradioEmulator({ connectHeartbeat: heartbeat });

      const result = await runChild(app.url);

      expect(result.exitedByItself, result.stderr).toBe(true);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().length).toBeGreaterThan(0);
      expect(ARTICLE).toContain(result.stdout.trim().split('\n')[0]);
      expect(app.completed).toBe(1);
    },
    30_000,
  );
});
