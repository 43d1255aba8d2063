import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../harness/cli';

// util-linux `script` gives the CLI a real terminal, the only way to see what a person watching it sees.
function runInTerminal(args: string[]): { status: number | null; screen: string } {
  const command = [process.execPath, join(repoRoot, 'bin/sumops.js'), ...args].map((a) => `'${a}'`).join(' ');
  const result = spawnSync('script', ['-qec', `${command} 2>&1 >/dev/null`, '/dev/null'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { status: result.status, screen: result.stdout };
}

describe('progress on stderr', () => {
  it('counts sources as they finish when stderr is a terminal, and clears the line at the end', () => {
    const { status, screen } = runInTerminal([
      'summarize',
      'examples/talk.vtt',
      'examples/transcribe.json',
      'missing.txt',
    ]);
    expect(status).toBe(1);
    expect(screen).toContain('0/3 done');
    expect(screen).toMatch(/3\/3 done, 1 failed/);
    expect(screen).toMatch(/missing\.txt: no such file/);
    expect(screen.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('counts eval cases on the same kind of line and clears it before the results', () => {
    const { status, screen } = runInTerminal([
      'eval',
      '--fixtures',
      'test/fixtures/evaluate/valid-small.jsonl',
    ]);
    expect(status).toBe(0);
    expect(screen).toMatch(new RegExp(String.raw`\r\u001b\[2K\d+/\d+ cases`));
    expect(screen.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent when stderr is not a terminal', async () => {
    const { code, stderr } = await runCli(['extract', 'examples/talk.vtt', 'examples/transcribe.json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
