import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';

const line = (sha: string, set: string, mean: number, kind = 'evaluation') =>
  JSON.stringify({
    version: 1,
    kind,
    date: '2026-12-01T09:00:00.000Z',
    gitSha: sha.repeat(40).slice(0, 40),
    ...(kind === 'deploy' ? { spaceCommit: 'feedbeef00' } : {}),
    model: 'distilbart',
    provider: 'space',
    fixtureSet: set,
    cases: 12,
    aggregate: { rouge1: { mean, low: mean - 0.01, high: mean + 0.01 } },
  });

describe('sumops history', () => {
  it('prints the newest fixture set only, marks deploys, and says what it left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sumops-history-cli-'));
    const file = join(dir, 'h.jsonl');
    await writeFile(
      file,
      [
        line('a', 'sha256:old', 0.5),
        line('b', 'sha256:new', 0.301),
        line('c', 'sha256:new', 0.312, 'deploy'),
        'junk',
      ].join('\n'),
    );
    const text = await runCli(['history', '--file', file]);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('h.jsonl:4: skipped (not JSON)');
    expect(text.stdout).toContain('fixture set sha256:new');
    expect(text.stdout).toMatch(/main\s+bbbbbbb\s+distilbart\s+12\s+30\.10\s+\[29\.10, 31\.10\]/);
    expect(text.stdout).toMatch(/deploy feedbee\s+ccccccc/);
    expect(text.stdout).not.toContain('50.00');
    expect(text.stdout).toContain('1 record(s) of other fixture sets not shown');

    const json = await runCli(['history', '--file', file, '--json', '--last', '1', '--fixture-set', 'new']);
    expect((JSON.parse(json.stdout) as { gitSha: string }[]).map((r) => r.gitSha[0])).toEqual(['c']);
    const all = await runCli(['history', '--file', file, '--fixture-set', 'all']);
    expect(all.stdout).toContain('fixture set sha256:old');
    const bad = await runCli(['history', '--file', file, '--metric', 'bleu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--metric must be one of rouge1/);
  });
});
