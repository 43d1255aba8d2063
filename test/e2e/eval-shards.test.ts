import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '#lib/evaluate/index';
import { DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { fixtureSetHash, loadFixtures } from '#lib/evaluate/index';
import { repoRoot, runCli } from '../harness/cli';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';

const env = { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' };
const sumops = (args: string[]) => runCli(args, { env, unsetEnv: ['HF_TOKEN'] });

/** Timing and the clock are the only fields allowed to differ between two runs of the same cases. */
function withoutTimes(result: EvalResult): unknown {
  const { latency, ...rest } = result;
  return {
    ...rest,
    createdAt: '',
    latency: latency ? { ...latency, p50Ms: 0, p95Ms: 0 } : undefined,
    cases: result.cases.map((c) => ({ ...c, durationMs: 0, latencyMs: c.latencyMs === undefined ? -1 : 0 })),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sumops-e2e-shards-'));
});

describe('sumops eval --shard and sumops eval merge', () => {
  it('three shards merge into the unsharded result, thresholds and gates included', async () => {
    const gates = ['--threshold', 'rouge1=0.05', '--tolerance', '0.02'];
    const whole = await sumops(['eval', '--json', ...gates]);
    expect(whole.code).toBe(0);
    for (const k of [1, 2, 3]) {
      const shard = await sumops(['eval', '--shard', `${k}/3`, '--out', join(dir, `s${k}`)]);
      expect(shard.stderr).toContain(`s${k}/scores.json`);
      expect(shard.stdout).toMatch(new RegExp(`shard ${k}/3: \\d+ of \\d+ cases`));
    }
    const files = [3, 1, 2].map((k) => join(dir, `s${k}`, 'scores.json'));
    const merged = await sumops([
      'eval',
      'merge',
      ...files,
      '--json',
      ...gates,
      '--out',
      join(dir, 'merged'),
    ]);
    expect(merged.stderr).toContain('merged/report.md');
    expect(merged.code).toBe(0);
    const a = JSON.parse(whole.stdout) as EvalResult;
    const b = JSON.parse(merged.stdout) as EvalResult;
    expect(b.cases.length).toBeGreaterThan(3);
    // Faithfulness merges with its per-sentence detail, like every metric.
    expect(b.aggregate.faithfulness).toEqual(a.aggregate.faithfulness);
    expect(b.cases.every((c) => c.scores?.faithfulness !== undefined)).toBe(true);
    expect(b.latency?.cases).toBe(a.latency?.cases);
    expect(withoutTimes(b)).toEqual(withoutTimes(a));
  });

  it('judged shards merge into the judged unsharded result, and the merge makes no judge call', async () => {
    const api = await startOpenAIEmulator();
    try {
      const judged = (args: string[]) =>
        runCli([...args, '--judge', 'openai', '--judge-base-url', api.url], {
          env: { ...env, SUMOPS_JUDGE_API_KEY: EMULATOR_API_KEY },
          unsetEnv: ['HF_TOKEN', 'OPENAI_API_KEY'],
        });
      const whole = await judged(['eval', '--json']);
      expect(whole.code, whole.stderr).toBe(0);
      for (const k of [1, 2]) {
        const shard = await judged(['eval', '--shard', `${k}/2`, '--out', join(dir, `j${k}`)]);
        expect(shard.code, shard.stderr).toBe(0);
      }
      const requests = api.requests;
      const files = [2, 1].map((k) => join(dir, `j${k}`, 'scores.json'));
      const merged = await sumops(['eval', 'merge', ...files, '--json']);
      expect(merged.code, merged.stderr).toBe(0);
      expect(api.requests).toBe(requests);
      const a = JSON.parse(whole.stdout) as EvalResult;
      const b = JSON.parse(merged.stdout) as EvalResult;
      expect(b.cases.every((c) => c.scores?.['judge-faithfulness'] !== undefined)).toBe(true);
      // What judging cost: the two shards' calls, which together are the unsharded run's.
      expect(b.judge).toEqual(a.judge);
      expect(b.judge?.calls).toBe(b.cases.length);
      expect(withoutTimes(b)).toEqual(withoutTimes(a));
    } finally {
      await api.close();
    }
  });

  it("--history adds the trend gate and chart: a merge far below main's recent median fails", async () => {
    const { cases } = await loadFixtures([...DEFAULT_FIXTURE_GLOBS], { cwd: repoRoot });
    const hash = fixtureSetHash(cases, repoRoot);
    const record = (sha: string, mean: number) =>
      JSON.stringify({
        version: 1,
        kind: 'evaluation',
        date: '2026-11-30T12:00:00.000Z',
        gitSha: sha.repeat(40),
        model: 'm',
        provider: 'embedded',
        fixtureSet: hash,
        cases: cases.length,
        aggregate: { rouge1: { mean, low: mean - 0.01, high: mean + 0.01 } },
      });
    const history = join(dir, 'history.jsonl');
    await writeFile(history, `${['a', 'b', 'c'].map((s) => record(s, 0.99)).join('\n')}\n`);
    for (const k of [1, 2]) await sumops(['eval', '--shard', `${k}/2`, '--out', join(dir, `h${k}`)]);
    const files = [1, 2].map((k) => join(dir, `h${k}`, 'scores.json'));
    const merged = await sumops(['eval', 'merge', ...files, '--history', history, '--out', join(dir, 'hm')]);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toMatch(/FAIL rouge1 is below the trend: .*median 99\.00 of the last 3 main runs/);
    const report = await readFile(join(dir, 'hm', 'report.md'), 'utf8');
    expect(report).toContain('x-axis ["1", "2", "3", "now"]');
    expect(report).toContain('| 3 | ccccccc | 99.00 |');
  });

  it('names a missing shard, exits 1 and says how to produce it', async () => {
    const shard = await sumops(['eval', '--shard', '1/2', '--out', join(dir, 'only')]);
    expect(shard.code).toBe(0);
    const merged = await sumops(['eval', 'merge', join(dir, 'only', 'scores.json')]);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toMatch(
      /^sumops eval merge: missing shard 2\/2: .*run `sumops eval --shard 2\/2 --out DIR`/,
    );
  });

  it('rejects a bad --shard and --shard with a provider baseline (exit 2)', async () => {
    const bad = await sumops(['eval', '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid shard "3\/2": expected K\/N.*check --shard/);
    const provider = await sumops(['eval', '--shard', '1/2', '--baseline-provider', 'embedded']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('--baseline FILE at `sumops eval merge`');
  });
});
