import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleResult } from '#lib/evaluate/assemble';
import type { AssembleInput } from '#lib/evaluate/assemble';
import type { CaseResult } from '#lib/evaluate/index';
import {
  assignShards,
  formatScoresJson,
  materializeCases,
  mergeShards,
  renderReport,
} from '#lib/evaluate/index';
import { bootstrapMean } from '#lib/stats/index';

// A metric whose value can be missing for a case (a scorer that failed, as a judge's call may) takes the path every
// metric takes: its mean and CI cover the cases that have a value, the errors gate names the case, and a merge of
// shards gives the unsharded result field by field.

const score = (f: number) => ({ precision: f, recall: f, fmeasure: f });
const ids = Array.from({ length: 12 }, (_, i) => `case-${i}`);
const cases: CaseResult[] = ids.map((id, i) => ({
  id,
  tags: [i % 3 === 0 ? 'a' : 'b'],
  origin: `f.jsonl:${i + 1}`,
  references: ['r'],
  summary: 's',
  scores: {
    rouge1: score(0.3 + i / 100),
    ...(i % 4 === 1 ? {} : { faithfulness: { value: 0.9 - i / 100, sentences: [] } }),
  },
  ...(i % 4 === 1 ? { metricErrors: { faithfulness: `scorer failed on ${id}` } } : {}),
  latencyMs: 100 + i,
  durationMs: 200,
}));

function input(
  list: CaseResult[],
  shard?: { index: number; count: number },
): AssembleInput & { cases: CaseResult[] } {
  return {
    createdAt: '2026-12-01T00:00:00.000Z',
    gitSha: 'abc',
    provider: { name: 'space', model: 'm' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 200,
      concurrency: 1,
      metrics: ['rouge1', 'faithfulness'],
    },
    fixtures: ['f.jsonl'],
    fixtureSet: { hash: 'sha256:x', cases: ids.length },
    ...(shard ? { shard: { ...shard, ids } } : {}),
    cases: list,
    thresholds: {},
    tolerance: 0.01,
  };
}

describe('a metric without a value for some cases', () => {
  const whole = assembleResult(input(cases));

  it('aggregates over the cases that have one and fails the errors gate naming the others', () => {
    const values = cases.flatMap((c) => (c.scores?.faithfulness ? [c.scores.faithfulness.value] : []));
    expect(values).toHaveLength(9);
    expect(whole.aggregate.faithfulness).toEqual(bootstrapMean(values, { samples: 200, seed: 1 }));
    expect(whole.gates[0]).toMatchObject({ kind: 'errors', passed: false, value: 3 });
    expect(whole.gates[0]?.message).toContain(
      'case-1 (faithfulness), case-5 (faithfulness), case-9 (faithfulness)',
    );
    expect(renderReport(whole)).toContain('`faithfulness` has no value for 3 of 12 scored cases');
  });

  it('merges from shards to exactly the unsharded result', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sumops-missing-'));
    const shardOf = assignShards(ids, 3);
    const files: string[] = [];
    for (const index of [1, 2, 3]) {
      const part = assembleResult(
        input(
          cases.filter((c) => shardOf.get(c.id) === index),
          { index, count: 3 },
        ),
      );
      files.push(join(dir, `shard-${index}.json`));
      await writeFile(files.at(-1) ?? '', formatScoresJson(part));
    }
    const merged = await mergeShards(files, { tolerance: 0.01 }, { readFile: (path) => readFile(path) });
    const asResult = { ...merged, cases: materializeCases(merged.cases) };
    for (const key of Object.keys(whole) as (keyof typeof whole)[])
      expect(asResult[key], key).toEqual(whole[key]);
    expect(formatScoresJson(merged)).toBe(formatScoresJson(whole));
    expect(merged.cases.metricError(1, 'faithfulness')).toBe('scorer failed on case-1');
    expect(merged.cases.value(1, 'faithfulness')).toBeUndefined();
    expect(merged.cases.tags(3)).toEqual(['a']);
  });
});
