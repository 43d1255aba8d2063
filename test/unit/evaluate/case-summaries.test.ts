import { describe, expect, it } from 'vitest';
import { aggregateCases } from '#lib/evaluate/aggregate';
import { toCaseAccess } from '#lib/evaluate/case-access';
import { latencySummary, tagView } from '#lib/evaluate/case-summaries';
import type { CaseResult } from '#lib/evaluate/index';
import { sharedSources } from '#lib/evaluate/shared-sources';
import type { EvalCase } from '#lib/evaluate/types';
import { bootstrapMean } from '#lib/stats/index';

const settings = { samples: 200, confidence: 0.95, seed: 1 };
const score = (f: number) => ({ precision: f, recall: f, fmeasure: f });

function scored(id: string, f: number, tags: string[], latencyMs?: number): CaseResult {
  return {
    id,
    tags,
    origin: 'f:1',
    references: ['r'],
    summary: 's',
    scores: { rouge1: score(f) },
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    durationMs: 1,
  };
}

describe('latencySummary', () => {
  it('takes numpy-style p50 and p95 over the cases that were summarized', () => {
    const cases = [10, 20, 30, 40, 1000].map((ms, i) => scored(`c${i}`, 0.5, [], ms));
    cases.push({ id: 'failed', tags: [], origin: 'f:9', references: ['r'], error: 'x', durationMs: 1 });
    const summary = latencySummary(toCaseAccess(cases));
    expect(summary).toMatchObject({ cases: 5, p50Ms: 30 });
    // Rank 0.95 · 4 = 3.8: 40 + 0.8 · (1000 − 40).
    expect(summary?.p95Ms).toBeCloseTo(808, 9);
    expect(latencySummary(toCaseAccess([scored('old', 0.5, [])]))).toBeUndefined();
  });
});

describe('tagView', () => {
  it('gives each tag the mean and CI of its own cases, in the fixture order, most frequent tags first', () => {
    const cases = [
      scored('a', 0.1, ['news', 'long']),
      scored('b', 0.3, ['news']),
      scored('c', 0.5, ['sci']),
      scored('d', 0.7, ['news', 'news']),
    ];
    const access = toCaseAccess(cases);
    const overall = aggregateCases(access, ['rouge1'], settings);
    const view = tagView(access, ['rouge1'], settings, overall);
    expect(view?.tags.map((t) => [t.tag, t.cases])).toEqual([
      ['news', 3],
      ['long', 1],
      ['sci', 1],
    ]);
    expect(view?.tags[0]?.aggregate.rouge1).toEqual(bootstrapMean([0.1, 0.3, 0.7], settings));
    expect(view?.omitted).toBe(0);
  });

  it('reuses the overall numbers for a tag every case has, and covers at most 12 tags', () => {
    const cases = Array.from({ length: 20 }, (_, i) => scored(`c${i}`, i / 20, ['all', `t${i}`]));
    const access = toCaseAccess(cases);
    const overall = aggregateCases(access, ['rouge1'], settings);
    const view = tagView(access, ['rouge1'], settings, overall);
    expect(view?.tags[0]).toEqual({ tag: 'all', cases: 20, aggregate: overall });
    expect(view?.tags[0]?.aggregate).toBe(overall);
    expect(view?.tags).toHaveLength(12);
    expect(view?.omitted).toBe(9);
    expect(tagView(toCaseAccess([scored('x', 0.2, [])]), ['rouge1'], settings, overall)).toBeUndefined();
  });
});

describe('sharedSources', () => {
  const evalCase = (id: string): EvalCase => ({
    id,
    input: { kind: 'text', text: `text of ${id}` },
    references: ['r'],
    tags: [],
    origin: 'f:1',
  });

  it('loads a case once for both sides, prepares once, and forgets it when both are done', async () => {
    const loads: string[] = [];
    const shared = sharedSources((c) => {
      loads.push(c.id);
      return Promise.resolve(`text of ${c.id}`);
    }, 2);
    const a = evalCase('a');
    const first = await shared.source(a);
    const second = await shared.source(a);
    expect(second).toBe(first);
    let prepared = 0;
    const make = (text: string) => ({ length: text.length, n: ++prepared });
    expect(first.prepared('k', make)).toBe(second.prepared('k', make));
    expect(prepared).toBe(1);
    shared.release(a);
    await shared.source(a);
    expect(loads).toEqual(['a']);
    shared.release(a);
    shared.release(a);
    // Both sides released it: a later request loads it again rather than having held it.
    await shared.source(a);
    expect(loads).toEqual(['a', 'a']);
  });
});
