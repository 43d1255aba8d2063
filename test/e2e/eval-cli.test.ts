import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '#lib/evaluate/index';
import { DEFAULT_METRICS, loadFixtures } from '#lib/evaluate/index';
import type { GradioEmulator } from '../emulators/gradio';
import { startGradioEmulator } from '../emulators/gradio';
import { runCli } from '../harness/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = 'hf_e2e_secret_token_value';

const sumopsEval = (args: string[], env: Record<string, string> = {}) =>
  runCli(['eval', ...args], { env, unsetEnv: ['GITHUB_SHA', ...('HF_TOKEN' in env ? [] : ['HF_TOKEN'])] });

function parseJson(stdout: string): EvalResult {
  return JSON.parse(stdout) as EvalResult;
}

let fixtureIds: string[];
beforeAll(async () => {
  fixtureIds = (await loadFixtures(['test/eval/*.{jsonl,yaml,yml}'], { cwd: root })).cases.map((c) => c.id);
});

describe('sumops eval (embedded)', () => {
  it('--json prints one object: passed, aggregate with CIs, every fixture case, provider, gates', async () => {
    const { code, stdout, stderr } = await sumopsEval(['--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = parseJson(stdout);
    expect(result.passed).toBe(true);
    expect(result.provider).toMatchObject({ name: 'embedded' });
    expect(result.cases.map((c) => c.id)).toEqual(fixtureIds);
    for (const metric of DEFAULT_METRICS) {
      const { mean, low, high } = result.aggregate[metric] ?? { mean: NaN, low: NaN, high: NaN };
      expect(low).toBeLessThanOrEqual(mean);
      expect(high).toBeGreaterThanOrEqual(mean);
      expect(mean).toBeGreaterThan(0);
      // ROUGE of an extractive summary against a human reference is never perfect; faithfulness may be.
      if (metric === 'faithfulness') expect(mean).toBeLessThanOrEqual(1);
      else expect(mean).toBeLessThan(1);
    }
    for (const c of result.cases) {
      expect(c.summary?.length).toBeGreaterThan(0);
      expect(Object.keys(c.scores ?? {})).toEqual([...DEFAULT_METRICS]);
    }
    expect(result.settings.stemmer).toBe(true);
    expect(result.gitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(result.gates.every((g) => g.passed && g.message.length > 0)).toBe(true);
  });

  it('--out scores can be fed back as --baseline: zero deltas, CI contains 0, all cases paired', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sumops-eval-e2e-'));
    const first = await sumopsEval(['--out', out, '--no-stemmer']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^PASSED: \d+\/\d+ cases scored/);
    expect(first.stderr).toContain(`wrote ${join(out, 'scores.json')}`);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report.startsWith('## ✅ sumops eval passed')).toBe(true);

    const second = await sumopsEval(['--baseline', join(out, 'scores.json'), '--no-stemmer', '--json']);
    expect(second.code).toBe(0);
    const result = parseJson(second.stdout);
    expect(result.baseline?.paired).toBe(fixtureIds.length);
    expect(result.baseline?.onlyCandidate).toEqual([]);
    for (const metric of DEFAULT_METRICS) {
      const delta = result.baseline?.deltas[metric];
      expect(delta?.mean).toBe(0);
      expect(delta?.low).toBeLessThanOrEqual(0);
      expect(delta?.high).toBeGreaterThanOrEqual(0);
    }
    expect(result.gates.filter((g) => g.kind === 'regression')).toHaveLength(DEFAULT_METRICS.length);
  });

  it('exits 1 when a threshold gate fails and says which', async () => {
    const { code, stdout } = await sumopsEval(['--threshold', 'rouge1=0.99', 'rouge2=0.01']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED:/);
    expect(stdout).toMatch(/^FAIL rouge1 mean \d+\.\d\d is below the threshold 99\.00$/m);
    expect(stdout).toMatch(/^ok {3}rouge2 mean \d+\.\d\d is at or above the threshold 1\.00$/m);
  });

  it('exits 2 naming file:line for a malformed fixture, and for an invalid baseline', async () => {
    const bad = await sumopsEval(['--fixtures', 'test/fixtures/evaluate/bad-json-line3.jsonl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^sumops eval: test\/fixtures\/evaluate\/bad-json-line3\.jsonl:3: invalid JSON/,
    );
    expect(bad.stdout).toBe('');

    const dir = await mkdtemp(join(tmpdir(), 'sumops-eval-e2e-'));
    await writeFile(join(dir, 'not-scores.json'), JSON.stringify({ hello: 'world' }));
    const baseline = await sumopsEval(['--baseline', join(dir, 'not-scores.json')]);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toContain(
      `baseline ${join(dir, 'not-scores.json')}: format: Invalid input: expected "sumops-eval-scores"`,
    );

    const flag = await sumopsEval(['--provider', 'openai']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--provider must be one of embedded, space');
  });
});

describe('sumops eval (Space via the Gradio emulator)', () => {
  let emulator: GradioEmulator;
  beforeAll(async () => {
    emulator = await startGradioEmulator({ latencyMs: 20, token: TOKEN });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('evaluates a private Space by URL with HF_TOKEN, never printing the token', async () => {
    const before = emulator.completed;
    const { code, stdout, stderr } = await sumopsEval(
      [
        '--provider',
        'space',
        '--space',
        emulator.url,
        '--json',
        '--concurrency',
        '3',
        '--fixtures',
        'test/eval/news.jsonl',
      ],
      { HF_TOKEN: TOKEN },
    );
    expect(stderr).not.toContain(TOKEN);
    expect(stdout).not.toContain(TOKEN);
    expect(code).toBe(0);
    const result = parseJson(stdout);
    expect(result.provider).toMatchObject({ name: 'space', space: emulator.url });
    expect(result.cases.every((c) => c.scores !== undefined)).toBe(true);
    expect(emulator.completed - before).toBe(result.cases.length);
    expect(emulator.maxInFlight).toBeLessThanOrEqual(3);
    expect(emulator.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('compares the Space side by side with the embedded provider as baseline', async () => {
    const { code, stdout } = await sumopsEval(
      [
        '--space',
        emulator.url,
        '--baseline-provider',
        'embedded',
        '--fixtures',
        'test/eval/news.jsonl',
        '--json',
      ],
      { HF_TOKEN: TOKEN },
    );
    const result = parseJson(stdout);
    expect(result.baseline?.source).toEqual({ kind: 'provider' });
    expect(result.baseline?.provider.name).toBe('embedded');
    expect(result.baseline?.paired).toBe(result.cases.length);
    expect(code).toBe(result.passed ? 0 : 1);
  });
});
