import { describe, expect, it } from 'vitest';
import type { EvalResult, GateOutcome } from '#lib/evaluate/index';
import { renderReport } from '#lib/evaluate/index';
import type { HistoryRecord } from '#lib/history/index';
import { renderTrendSection, withTrendGates } from '#lib/history/index';

const interval = (mean: number) => ({ mean, low: mean - 0.02, high: mean + 0.02 });
const rec = (gitSha: string, mean: number, over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  version: 1,
  kind: 'evaluation',
  date: '2026-12-01T09:00:00.000Z',
  gitSha,
  model: 'm',
  provider: 'space',
  fixtureSet: 'sha256:one',
  cases: 3,
  aggregate: { rouge1: interval(mean), rouge2: interval(mean / 2) },
  ...over,
});

function result(mean: number): EvalResult {
  const agg = {
    rouge1: interval(mean),
    rouge2: interval(mean / 2),
    rougeL: interval(mean),
    rougeLsum: interval(mean),
  };
  const gate: GateOutcome = {
    kind: 'errors',
    passed: true,
    value: 0,
    limit: 0,
    message: 'all 3 cases were scored',
  };
  return {
    format: 'sumops-eval-scores',
    version: 2,
    passed: true,
    createdAt: '2026-12-01T10:00:00.000Z',
    provider: { name: 'space', model: 'm' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 100,
      concurrency: 1,
      metrics: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'],
    },
    fixtures: [],
    fixtureSet: { hash: 'sha256:one', cases: 3 },
    aggregate: agg,
    cases: [],
    gates: [gate],
  };
}

describe('renderTrendSection', () => {
  const history = [
    rec('aaaaaaa1111', 0.3),
    rec('bbbbbbb2222', 0.9, { fixtureSet: 'sha256:two' }),
    rec('ccccccc3333', 0.32, { kind: 'deploy', spaceCommit: 'f00' }),
    rec('ddddddd4444', 0.31),
  ];

  it('draws main runs of the same fixture set, marks deploys, puts this PR last, with a table fallback', () => {
    const text = renderTrendSection(result(0.28), history, { label: 'this PR' });
    expect(text).toContain('```mermaid\n%%{init: ');
    expect(text).toContain('}%%\nxychart-beta\n');
    // Short labels: the run's number (▲ a deploy); commits are in the table only.
    expect(text).toContain('x-axis ["1", "2▲", "3", "PR"]');
    // The CI's ends as two faint lines, then the mean, drawn last and in the strong colour.
    expect(text).toContain(
      'line [32.00, 34.00, 33.00, 30.00]\n  line [28.00, 30.00, 29.00, 26.00]\n  line [30.00, 32.00, 31.00, 28.00]',
    );
    expect(text).toContain('y-axis "rouge1" 24 --> 36');
    expect(text).toContain('| run | commit | rouge1 | rouge2 | rougeL | rougeLsum |');
    expect(text).toContain('| 2▲ | ccccccc | 32.00 | 16.00 | — | — |');
    expect(text).toContain('| **PR** | **this PR** | **28.00** | **14.00** | **28.00** | **28.00** |');
    expect(text).not.toContain('90.00');
    expect(text).toContain('_1 history record of other fixture sets left out');
  });

  it('sets a theme with a strong line colour on a white panel, and labels large enough to read', () => {
    const text = renderTrendSection(result(0.28), history);
    const init = JSON.parse(/%%\{init: (.*)\}%%/.exec(text)?.[1] ?? '{}') as {
      themeVariables: { xyChart: { plotColorPalette: string; backgroundColor: string } };
      xyChart: { xAxis: { labelFontSize: number } };
    };
    const [high, low, mean] = init.themeVariables.xyChart.plotColorPalette.split(',').map((c) => c.trim());
    expect(high).toBe(low);
    expect(mean).toBe('#0550ae');
    expect(init.themeVariables.xyChart.backgroundColor).toBe('#ffffff');
    // 16 px is 12 pt: above the 10 pt a chart must stay legible at.
    expect(init.xyChart.xAxis.labelFontSize).toBeGreaterThanOrEqual(14);
  });

  it('charts faithfulness too once the history has it, and the latency in the table', () => {
    const withFaith = history.map((r, i) => ({
      ...r,
      version: 2 as const,
      aggregate: { ...r.aggregate, faithfulness: interval(0.97 + i / 1000) },
      latency: { p50Ms: 300, p95Ms: 900 + i },
    }));
    const run = result(0.3);
    const text = renderTrendSection(
      {
        ...run,
        settings: { ...run.settings, metrics: [...run.settings.metrics, 'faithfulness'] },
        aggregate: { ...run.aggregate, faithfulness: interval(0.8) },
        latency: { cases: 3, p50Ms: 350, p95Ms: 1234.4 },
      },
      withFaith,
    );
    expect(text.match(/```mermaid/g)).toHaveLength(2);
    expect(text).toContain('title "faithfulness ×100: last 3 main runs');
    expect(text).toContain('line [97.00, 97.20, 97.30, 80.00]');
    expect(text).toMatch(/\| \*\*now\*\* \| .* \| \*\*80\.00\*\* \| \*\*1234 ms\*\* \|$/m);
    expect(text).toContain('| 1 | aaaaaaa | 30.00 | 15.00 | — | — | 97.00 | 900 ms |');
  });

  it('lets nothing but hex digits of a commit into the chart or table', () => {
    const hostile = rec('"]\n  line [1]\n<img src=x>@admin #1', 0.3);
    const text = renderTrendSection(result(0.3), [hostile]);
    expect(text).toContain('x-axis ["1", "now"]');
    expect(text).toContain('| 1 | e1cad1 |');
    expect(text).not.toMatch(/<img|@admin|line \[1\]/);
  });

  it('is empty without records of this fixture set (or without a fixture-set hash)', () => {
    expect(renderTrendSection(result(0.3), [])).toBe('');
    expect(renderTrendSection({ ...result(0.3), fixtureSet: undefined }, history)).toBe('');
    expect(renderTrendSection(result(0.3), [history[1] as HistoryRecord])).toMatch(
      /^### Trend\n\n_1 history record/,
    );
  });

  it('sits in the report after the table', () => {
    const trend = renderTrendSection(result(0.3), history);
    const report = renderReport(result(0.3), { trend });
    expect(report.indexOf('### Trend')).toBeGreaterThan(report.indexOf('| rouge1'));
  });
});

describe('withTrendGates', () => {
  // Main: 0.30, 0.31, 0.29, one lucky 0.60, 0.30 → median 0.30.
  const history = [0.3, 0.31, 0.29, 0.6, 0.3].map((m, i) => rec(`${i}`.repeat(7), m));

  it('compares with the median of the last 5 main runs, not the lucky last one', () => {
    const gated = withTrendGates(result(0.3), [...history, rec('lucky', 0.6)], {
      tolerance: 0.01,
      metrics: ['rouge1'],
    });
    const gate = gated.gates.at(-1);
    // Window: 0.31, 0.29, 0.60, 0.30, 0.60 → median 0.31; CI [0.28, 0.32] reaches above 0.30.
    expect(gate).toMatchObject({ kind: 'regression', metric: 'rouge1', passed: true });
    expect(gate?.limit).toBeCloseTo(0.3, 12);
    expect(gated.passed).toBe(true);
  });

  it('fails when the whole CI lies below median − tolerance', () => {
    const gated = withTrendGates(result(0.25), history, { tolerance: 0.01, metrics: ['rouge1'] });
    expect(gated.passed).toBe(false);
    expect(gated.gates.at(-1)?.message).toMatch(
      /rouge1 is below the trend: CI \[23\.00, 27\.00\] .*median 30\.00 of the last 5/,
    );
  });

  it('adds nothing for metrics or fixture sets without history', () => {
    const gated = withTrendGates(
      result(0.1),
      history.map((r) => ({ ...r, fixtureSet: 'sha256:two' })),
      { tolerance: 0.01 },
    );
    expect(gated.gates).toHaveLength(1);
    expect(gated.passed).toBe(true);
    expect(withTrendGates(result(0.1), history, { tolerance: 0.01 }).gates.map((g) => g.metric)).toEqual([
      undefined,
      'rouge1',
      'rouge2',
    ]);
  });
});
