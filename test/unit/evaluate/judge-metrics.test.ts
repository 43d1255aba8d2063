import { describe, expect, it } from 'vitest';
import { assembleResult } from '#lib/evaluate/assemble';
import type { AssembleInput } from '#lib/evaluate/assemble';
import { parseBaselineScores } from '#lib/evaluate/baseline-file';
import type { CaseResult, Metric } from '#lib/evaluate/index';
import {
  DEFAULT_METRICS,
  describeMetric,
  formatScoresJson,
  METRICS,
  renderReport,
} from '#lib/evaluate/index';
import { judgeInfoOf } from '#lib/evaluate/judge-scorer';
import { parseScoresJson } from '#lib/evaluate/scores-read';
import { JUDGE_METRICS } from '#lib/judge/types';

// The judge's metrics take the path every metric takes (scores.json, CIs, deltas, gates, report), with three
// differences: they are computed on request, they gate only when asked, and values of another judge are not
// compared.

const JUDGE = { promptVersion: 'a'.repeat(64), model: 'gpt-4o-mini', baseUrl: 'https://api.openai.com/v1' };
const METRIC_LIST: Metric[] = ['rouge1', 'judge-faithfulness', 'judge-coverage', 'judge-coherence'];

function judgeCase(id: string, level: number, extra: Partial<CaseResult> = {}): CaseResult {
  const rating = Math.max(1, Math.min(5, Math.round(1 + 4 * level)));
  return {
    id,
    tags: [],
    origin: `f.jsonl:${id}`,
    references: ['r'],
    summary: `summary of ${id}`,
    scores: {
      rouge1: { precision: level, recall: level, fmeasure: level },
      'judge-faithfulness': {
        value: level,
        reason: `reason ${id}`,
        claims: { total: 4, supported: Math.round(4 * level), flagged: [] },
      },
      'judge-coverage': { value: (rating - 1) / 4, reason: `coverage ${id}`, rating },
      'judge-coherence': { value: 1, reason: 'reads well', rating: 5 },
    },
    durationMs: 1,
    ...extra,
  };
}

const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);

function input(
  cases: CaseResult[],
  extra: Partial<Omit<AssembleInput, 'cases'>> = {},
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
      metrics: METRIC_LIST,
      judge: JUDGE,
    },
    fixtures: ['f.jsonl'],
    cases,
    thresholds: {},
    tolerance: 0.01,
    judge: { calls: 20, cacheHits: 0, promptTokens: 1000, completionTokens: 200, condensed: 0 },
    ...extra,
  };
}

/** A baseline scores.json (as a later run reads it) whose cases score `level` on every metric. */
function baselineText(
  level: number,
  judge: typeof JUDGE | undefined,
  metrics: Metric[] = METRIC_LIST,
): string {
  const cases = ids.map((id) => {
    const c = judgeCase(id, level);
    const scores = Object.fromEntries(
      Object.entries(c.scores ?? {}).filter(([m]) => metrics.includes(m as Metric)),
    );
    return { ...c, scores };
  });
  const base = input(cases, judge ? {} : { judge: undefined });
  const settings = { ...base.settings, metrics };
  if (judge) settings.judge = judge;
  else delete settings.judge;
  return formatScoresJson(assembleResult({ ...base, settings }));
}

describe('the judge metrics in the registry', () => {
  it('are the judge library’s three, computed on request, never gating by default, never in a plain run', () => {
    const judged = METRICS.filter((m) => describeMetric(m).computed === 'on-request');
    expect(judged).toEqual([...JUDGE_METRICS]);
    for (const metric of judged) expect(describeMetric(metric).gatesByDefault).toBe(false);
    expect(DEFAULT_METRICS.some((m) => judged.includes(m))).toBe(false);
  });
});

describe('scores.json with judge metrics', () => {
  const whole = assembleResult(input(ids.map((id, i) => judgeCase(id, i / 19))));

  it('round-trips through the schema, who judged and what it cost included', () => {
    const text = formatScoresJson(whole);
    const parsed = parseScoresJson(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.result).toEqual(JSON.parse(text));
    expect(Object.keys(parsed.result)).toEqual(Object.keys(whole));
    expect(parsed.result.judge).toEqual({
      calls: 20,
      cacheHits: 0,
      promptTokens: 1000,
      completionTokens: 200,
      condensed: 0,
    });
  });

  it('refuses judge values beyond their bounds and judge metrics with no judge named', () => {
    const text = formatScoresJson(whole);
    /** scores.json with the value at `path` replaced (undefined: removed), as the schema then judges it. */
    const mutate = (path: (string | number)[], value: unknown): string => {
      const json = JSON.parse(text) as unknown;
      let node = json as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      const last = path.at(-1) as string | number;
      if (value === undefined) delete node[last];
      else node[last] = value;
      const parsed = parseScoresJson(JSON.stringify(json));
      return parsed.ok ? 'accepted' : parsed.detail;
    };
    const judged = (metric: string) => ['cases', 0, 'scores', metric];
    expect(mutate([...judged('judge-coverage'), 'rating'], 6)).toMatch(
      /^cases\[0\]\.scores\.judge-coverage\.rating: Too big/,
    );
    expect(mutate([...judged('judge-faithfulness'), 'reason'], 'x'.repeat(1001))).toMatch(
      /^cases\[0\]\.scores\.judge-faithfulness\.reason: Too big/,
    );
    const flagged = Array.from({ length: 26 }, () => ({ claim: 'c', verdict: 'contradicted' }));
    expect(mutate([...judged('judge-faithfulness'), 'claims', 'flagged'], flagged)).toMatch(
      /^cases\[0\]\.scores\.judge-faithfulness\.claims\.flagged: Too big/,
    );
    expect(mutate([...judged('judge-coherence'), 'note'], '<img>')).toMatch(
      /^cases\[0\]\.scores\.judge-coherence: Unrecognized key/,
    );
    expect(mutate(['settings', 'judge'], undefined)).toBe(
      'settings.judge: is required when settings.metrics lists a judge metric',
    );
  });
});

describe('judge metrics against a baseline', () => {
  const candidate = ids.map((id) => judgeCase(id, 0.75));
  const compared = (text: string) =>
    assembleResult(
      input(candidate, {
        baseline: {
          source: { kind: 'file', path: 'main.json' },
          scores: parseBaselineScores(text, 'main.json'),
        },
      }),
    );

  it('of the same judge: paired deltas like any metric, but no regression gate unless asked', () => {
    const result = compared(baselineText(1, JUDGE));
    expect(result.baseline?.deltas['judge-faithfulness']?.mean).toBeCloseTo(-0.25, 10);
    expect(result.baseline?.missingMetrics).toEqual([]);
    // rouge1 regressed too and gates; the judge's regression is reported only.
    expect(result.gates.filter((g) => g.kind === 'regression').map((g) => g.metric)).toEqual(['rouge1']);
    const gated = assembleResult({
      ...input(candidate),
      baseline: {
        source: { kind: 'file', path: 'main.json' },
        scores: parseBaselineScores(baselineText(1, JUDGE), 'main.json'),
      },
      gate: [...JUDGE_METRICS],
    });
    const judgeGates = gated.gates.filter((g) => g.kind === 'regression' && g.metric !== 'rouge1');
    expect(judgeGates.map((g) => [g.metric, g.passed])).toEqual([
      ['judge-faithfulness', false],
      ['judge-coverage', false],
      ['judge-coherence', true],
    ]);
  });

  it('of another judge model or prompt: not compared, and the note says why', () => {
    for (const other of [
      { ...JUDGE, model: 'gpt-4o' },
      { ...JUDGE, promptVersion: 'b'.repeat(64) },
    ]) {
      const result = compared(baselineText(1, other));
      expect(result.baseline?.deltas['judge-faithfulness']).toBeUndefined();
      expect(result.baseline?.deltas.rouge1).toBeDefined();
      expect(result.baseline?.missingMetrics).toEqual([...JUDGE_METRICS]);
      expect(result.baseline?.notes).toContain(
        `judge metrics are not compared: the baseline was judged by ${other.model} (prompt ${other.promptVersion.slice(0, 12)}) and this run by gpt-4o-mini (prompt aaaaaaaaaaaa), and another judge grades differently`,
      );
      expect(renderReport(result)).toMatch(
        /\| Δ \[95% CI\] \| [^|]+ \| no baseline \| no baseline \| no baseline \|/,
      );
    }
  });

  it('without judge metrics (a baseline evaluated without --judge): "no baseline" for them, like faithfulness with a version-1 file', () => {
    const result = compared(baselineText(1, undefined, ['rouge1']));
    expect(result.baseline?.missingMetrics).toEqual([...JUDGE_METRICS]);
    expect(result.baseline?.notes).toContain(
      'no baseline for judge-faithfulness, judge-coverage, judge-coherence: it has no values for them, so they are not compared or regression-gated',
    );
    expect(result.passed).toBe(false); // rouge1 regressed from 1 to 0.75; the judge did not decide it
    expect(result.gates.some((g) => g.metric?.startsWith('judge-'))).toBe(false);
  });
});

describe('judge metrics that could not be computed', () => {
  const reason = 'the judge failed on this case (invalid-answer): the answer was invalid twice';
  const unjudged = (id: string): CaseResult => ({
    ...judgeCase(id, 0.5),
    scores: { rouge1: { precision: 0.5, recall: 0.5, fmeasure: 0.5 } },
    metricErrors: { 'judge-faithfulness': reason, 'judge-coverage': reason, 'judge-coherence': reason },
  });
  const cases = ids.map((id, i) => (i === 3 ? unjudged(id) : judgeCase(id, 0.5)));

  it('leave the other cases counting and pass the errors gate, unless the judge gates', () => {
    const result = assembleResult(input(cases));
    expect(result.gates[0]).toMatchObject({ kind: 'errors', passed: true });
    expect(result.aggregate['judge-faithfulness']?.mean).toBe(0.5);
    const gated = assembleResult({ ...input(cases), gate: [...JUDGE_METRICS] });
    expect(gated.gates[0]).toMatchObject({ kind: 'errors', passed: false });
    expect(gated.gates[0]?.message).toContain('c3 (judge-faithfulness, judge-coverage, judge-coherence)');
  });

  it('a judge threshold gates the mean over the cases that have a value', () => {
    const result = assembleResult({ ...input(cases), thresholds: { 'judge-faithfulness': 0.6 } });
    expect(result.gates.find((g) => g.kind === 'threshold')).toMatchObject({
      metric: 'judge-faithfulness',
      passed: false,
      value: 0.5,
      limit: 0.6,
    });
  });
});

describe('who judged, as scores.json records it', () => {
  it('keeps no credentials, query or fragment of the endpoint', () => {
    expect(
      judgeInfoOf({
        promptVersion: 'p',
        model: 'm',
        baseUrl: 'https://user:secret@host.example/v1/?api-key=k#x',
      }),
    ).toEqual({ promptVersion: 'p', model: 'm', baseUrl: 'https://host.example/v1' });
  });
});
