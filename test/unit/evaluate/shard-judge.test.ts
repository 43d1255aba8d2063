import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalOptions, EvalResult } from '#lib/evaluate/index';
import { formatScoresJson, materializeCases, mergeShards, runEvaluation } from '#lib/evaluate/index';
import { JUDGE_METRICS } from '#lib/judge/types';
import { silentLogger } from '#lib/log';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../../emulators/openai';
import type { OpenAIEmulator } from '../../emulators/openai';
import { fakeClock } from '../../harness/fakes';

// The merge-equals-unsharded guarantee (shard.test.ts) with the judge's metrics in the shards: their values, a
// case the judge could not grade and what judging cost merge exactly, and the merge asks the judge nothing.

const PLACES = 'harbor orchard quarry meadow lighthouse vineyard foundry glacier canyon marsh'.split(' ');

/** 23 text cases; the one with "day 99" gets a malformed judgement twice. */
function fixtureLines(): string {
  return PLACES.flatMap((place, p) =>
    [0, 1, 2].slice(0, p < 3 ? 3 : 2).map((k) => {
      const day = p === 4 && k === 1 ? 99 : p * 3 + k;
      return JSON.stringify({
        id: `${place}-${k}`,
        text: `The ${place} reopened on day ${day}. Visitors came from the valley. The ${place} closes in winter.`,
        reference: `The ${place} reopened.`,
        tags: [k === 0 ? 'first' : 'later'],
      });
    }),
  ).join('\n');
}

let api: OpenAIEmulator;
let dir: string;
beforeAll(async () => {
  api = await startOpenAIEmulator({
    script: ({ messages }) =>
      messages.at(-1)?.content.includes('on day 99.') ? { content: '{"claims":' } : undefined,
  });
  dir = await mkdtemp(join(tmpdir(), 'sumops-shard-judge-'));
  await writeFile(join(dir, 'cases.jsonl'), `${fixtureLines()}\n`);
});
afterAll(async () => {
  await Promise.all([api.close(), rm(dir, { recursive: true, force: true })]);
});

const deps = () => ({ logger: silentLogger, clock: fakeClock() });
const options = (extra: Partial<EvalOptions> = {}): EvalOptions => ({
  fixtures: ['cases.jsonl'],
  cwd: dir,
  provider: { kind: 'embedded' },
  sentences: 2,
  gitSha: 'abc123',
  thresholds: { rouge1: 0.2 },
  tolerance: 0.01,
  judge: { baseUrl: api.url, model: 'gpt-4o-mini', apiKey: EMULATOR_API_KEY, concurrency: 2 },
  ...extra,
});
const caseLines = (text: string) => {
  const start = text.indexOf('\n  "cases": [\n');
  return text.slice(start, text.indexOf('\n  ]', start)).split('\n').slice(2);
};

describe('mergeShards with the judge', () => {
  it('merges judge values, a case the judge could not grade and what judging cost exactly, with no call', async () => {
    const whole = await runEvaluation(options(), deps());
    const files: string[] = [];
    for (const index of [1, 2, 3]) {
      const shard = await runEvaluation(options({ shard: { index, count: 3 } }), deps());
      files.push(join(dir, `shard-${index}.json`));
      await writeFile(files.at(-1) ?? '', formatScoresJson(shard));
    }
    const requests = api.requests;
    const merged = await mergeShards(
      [...files].reverse(),
      { thresholds: { rouge1: 0.2 }, tolerance: 0.01 },
      { readFile: (path) => readFile(path) },
    );
    expect(api.requests).toBe(requests);

    // Not vacuous: judge metrics in every shard, one case without them, usage spread over the shards.
    expect(whole.settings.metrics.slice(-3)).toEqual([...JUDGE_METRICS]);
    const failed = whole.cases.filter((c) => c.metricErrors?.['judge-coverage'] !== undefined);
    expect(failed.map((c) => c.id)).toEqual(['lighthouse-1']);
    expect(whole.cases.filter((c) => c.scores?.['judge-coverage'] !== undefined)).toHaveLength(22);
    expect(whole.judge).toMatchObject({ calls: 24, cacheHits: 0, condensed: 0 });
    const shardCalls = await Promise.all(
      files.map(async (f) => (JSON.parse(await readFile(f, 'utf8')) as EvalResult).judge?.calls ?? 0),
    );
    expect(shardCalls.every((calls) => calls > 0 && calls < 24)).toBe(true);

    const asResult: EvalResult = { ...merged, cases: materializeCases(merged.cases) };
    for (const key of Object.keys(whole) as (keyof EvalResult)[])
      expect(asResult[key], key).toEqual(whole[key]);
    expect(caseLines(formatScoresJson(merged))).toEqual(caseLines(formatScoresJson(whole)));
  });
});
