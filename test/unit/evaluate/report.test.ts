import { describe, expect, it } from 'vitest';
import type { CaseResult, EvalResult } from '#lib/evaluate/index';
import type { CaseScores, MetricIntervals } from '#lib/evaluate/types';
import type { Score } from '#lib/rouge/types';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUGE_METRICS, renderReport, SCORES_FORMAT, writeEvalOutputs } from '#lib/evaluate/index';
import { REPORT_FILE_MAX_PREVIEWS } from '#lib/evaluate/outputs';

const score = (f: number): Score => ({ precision: f, recall: f, fmeasure: f });
const scores = (f: number): CaseScores => ({
  rouge1: score(f),
  rouge2: score(f / 2),
  rougeL: score(f * 0.8),
  rougeLsum: score(f * 0.9),
});
const interval = (mean: number): { mean: number; low: number; high: number } => ({
  mean,
  low: mean - 0.02,
  high: mean + 0.02,
});
const intervals = (mean: number): MetricIntervals => ({
  rouge1: interval(mean),
  rouge2: interval(mean / 2),
  rougeL: interval(mean * 0.8),
  rougeLsum: interval(mean * 0.9),
});

function caseResult(id: string, f: number, summary: string, reference = 'A reference sentence.'): CaseResult {
  return {
    id,
    tags: [],
    origin: `f.jsonl:${id.length}`,
    references: [reference],
    summary,
    scores: scores(f),
    durationMs: 3,
  };
}

function result(cases: CaseResult[], extra: Partial<EvalResult> = {}): EvalResult {
  return {
    format: SCORES_FORMAT,
    version: 2,
    passed: true,
    createdAt: '2026-05-01T10:00:00.000Z',
    gitSha: '0123456789abcdef0123',
    provider: { name: 'space', model: 'bart-large-cnn', space: 'org/summarizer' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 1000,
      concurrency: 4,
      metrics: [...ROUGE_METRICS],
    },
    fixtures: ['test/eval/news.jsonl'],
    aggregate: intervals(0.4213),
    cases,
    gates: [
      {
        kind: 'errors',
        passed: true,
        value: 0,
        limit: 0,
        message: `all ${cases.length} cases were summarized and scored`,
      },
    ],
    ...extra,
  };
}

const adversarial = [
  'Thanks @octocat, this fixes #123.',
  '<img src=x onerror=alert(1)></details><details open>',
  '[click](javascript:alert(1)) ![x](http://evil/x.png)',
  '| col | col |',
  '# heading\n- list\n```js\ncode\n```',
].join('\n');

describe('renderReport', () => {
  it('starts with the verdict and lists the failing gates', () => {
    const failed = result([caseResult('a', 0.3, 'x')], {
      passed: false,
      gates: [
        {
          kind: 'errors',
          passed: true,
          value: 0,
          limit: 0,
          message: 'all 1 cases were summarized and scored',
        },
        {
          kind: 'threshold',
          metric: 'rouge1',
          passed: false,
          value: 0.3,
          limit: 0.35,
          message: 'rouge1 mean 30.00 is below the threshold 35.00',
        },
      ],
    });
    const body = renderReport(failed);
    expect(body.split('\n')[0]).toBe('## ❌ sumops eval failed');
    expect(body).toContain('1 of 2 gates failed:\n\n- ❌ rouge1 mean 30.00 is below the threshold 35.00');
    expect(body).toContain('| threshold | ≥ 35.00 ❌ | — | — | — |');
    expect(renderReport(result([caseResult('a', 0.3, 'x')])).split('\n')[0]).toBe('## ✅ sumops eval passed');
  });

  it('has a table with explicit rougeL and rougeLsum columns, ×100 means, CIs, baseline and deltas', () => {
    const withBaseline = result([caseResult('a', 0.4, 'x')], {
      baseline: {
        source: { kind: 'file', path: 'main/scores.json' },
        provider: { name: 'embedded', model: 'sumops-extractive-v1' },
        gitSha: 'fedcba9876543210',
        aggregate: intervals(0.4),
        deltas: {
          rouge1: { mean: 0.0213, low: -0.005, high: 0.04 },
          rouge2: interval(0),
          rougeL: interval(0),
          rougeLsum: { mean: -0.03, low: -0.05, high: -0.02 },
        },
        missingMetrics: [],
        paired: 1,
        onlyCandidate: [],
        onlyBaseline: ['gone-case'],
        cases: [{ id: 'a', values: { rouge1: 0.35, rouge2: 0.1, rougeL: 0.3, rougeLsum: 0.3 } }],
        notes: [],
      },
      gates: [
        {
          kind: 'regression',
          metric: 'rougeLsum',
          passed: false,
          value: -0.02,
          limit: -0.01,
          message: 'rougeLsum regressed',
        },
      ],
    });
    const body = renderReport(withBaseline);
    expect(body).toContain('| | rouge1 | rouge2 | rougeL | rougeLsum |');
    expect(body).toContain('| mean [95% CI] | 42.13 [40.13, 44.13] |');
    expect(body).toContain('| baseline mean | 40.00 | 20.00 | 32.00 | 36.00 |');
    expect(body).toContain('| Δ [95% CI] | +2.13 [−0.50, +4.00] |');
    expect(body).toContain('−3.00 [−5.00, −2.00] 🔻 |');
    expect(body).toContain('only the baseline scored: gone-case');
    expect(body).toContain('a: rouge1 40.00 (Δ +5.00)');
    expect(body).toMatch(/stemming on/);
    expect(body).toContain('Provider `space`, model `bart-large-cnn` (Space `org/summarizer`)');
  });

  it('escapes page and model text in previews: no mentions, HTML, links, or details breakout', () => {
    const body = renderReport(result([caseResult('evil <b>@admin</b>', 0.5, adversarial, adversarial)]), {
      runUrl: 'https://github.com/o/r/actions/runs/1',
      marker: 'sumops-eval',
    });
    expect(body).not.toMatch(/@(octocat|admin)/);
    expect(body).not.toMatch(/#123/);
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/\]\(javascript/);
    expect(body).not.toContain('```');
    // Exactly the one <details> block we opened, properly closed.
    expect(body.match(/<details>/g)).toHaveLength(1);
    expect(body.match(/<\/details>/g)).toHaveLength(1);
    expect(body.match(/<details open>/g)).toBeNull();
    expect(body).toContain('<summary>evil &lt;b&gt;@\u200Badmin&lt;/b&gt;: rouge1 50.00</summary>');
    expect(body).toContain('[workflow run](https://github.com/o/r/actions/runs/1)');
    expect(body.trimEnd().endsWith('<!-- sumops-eval -->')).toBe(true);
  });

  it('orders previews worst delta first, errored cases before all', () => {
    const cases = [caseResult('up', 0.5, 'u'), caseResult('down', 0.2, 'd'), caseResult('flat', 0.3, 'f')];
    cases.push({
      id: 'broken',
      tags: [],
      origin: 'f:9',
      references: ['r'],
      error: 'timeout @bob',
      durationMs: 1,
    });
    const body = renderReport(
      result(cases, {
        baseline: {
          source: { kind: 'provider' },
          provider: { name: 'embedded', model: 'm' },
          aggregate: intervals(0.3),
          deltas: intervals(0),
          missingMetrics: [],
          paired: 3,
          onlyCandidate: [],
          onlyBaseline: [],
          cases: [
            { id: 'up', values: { rouge1: 0.3, rouge2: 0, rougeL: 0, rougeLsum: 0 }, summary: 'old up' },
            { id: 'down', values: { rouge1: 0.4, rouge2: 0, rougeL: 0, rougeLsum: 0 } },
            { id: 'flat', values: { rouge1: 0.3, rouge2: 0, rougeL: 0, rougeLsum: 0 } },
          ],
          notes: [],
        },
      }),
    );
    const order = [...body.matchAll(/<summary>(?:⚠️ )?([a-z]+)/g)].map((m) => m[1]);
    expect(order).toEqual(['broken', 'down', 'flat', 'up']);
    expect(body).toContain('timeout @\u200Bbob');
    expect(body).toContain('**Baseline**\n\nold up');
  });

  it('stays under the size limit with many long cases, dropping whole previews and saying so', () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Sentence ${i} mentions @user${i} and <b>tags</b> | pipes.`,
    ).join('\n');
    const cases = Array.from({ length: 300 }, (_, i) =>
      caseResult(`case-${String(i).padStart(3, '0')}`, (i % 50) / 100, long, long),
    );
    const body = renderReport(result(cases), {
      marker: '<!-- sumops-eval -->',
      runUrl: 'https://example.org/run',
    });
    expect(body.length).toBeLessThanOrEqual(65_000);
    const shown = (body.match(/<details>/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(300);
    expect(body.match(/<\/details>/g)).toHaveLength(shown);
    expect(body).toContain(`_${300 - shown} more cases in the artifact (scores.json, report.md)._`);
    expect(body.trimEnd().endsWith('<!-- sumops-eval -->')).toBe(true);
    // Each preview was truncated at a word boundary with an ellipsis.
    expect(body).toMatch(/ pipes\.…\n/);

    const tight = renderReport(result(cases), { maxChars: 5_000 });
    expect(tight.length).toBeLessThanOrEqual(5_000);
    expect(tight).toMatch(/_\d+ more cases in the artifact/);
  });
});

describe('report.md', () => {
  it('previews at most REPORT_FILE_MAX_PREVIEWS cases, lowest first, and points to scores.json for the rest', async () => {
    const many = Array.from({ length: REPORT_FILE_MAX_PREVIEWS + 7 }, (_, i) =>
      caseResult(`c${i}`, ((i * 37) % 1000) / 1000, `summary ${i}`),
    );
    const out = await mkdtemp(join(tmpdir(), 'sumops-report-'));
    const { reportPath } = await writeEvalOutputs(result(many), out);
    const body = await readFile(reportPath, 'utf8');
    expect(body.match(/<details>/g)).toHaveLength(REPORT_FILE_MAX_PREVIEWS);
    expect(body).toContain('_7 more cases in scores.json._');
    // Lowest first: the case scoring 0 is previewed, the highest-scoring ones are not.
    expect(body).toContain('<summary>c0: rouge1 0.00</summary>');
    expect(body).not.toContain('<summary>c27: rouge1 99.90</summary>');
    const capped = renderReport(result(many.slice(0, 5)), {
      maxChars: Number.POSITIVE_INFINITY,
      maxPreviews: 2,
    });
    expect(capped.match(/<details>/g)).toHaveLength(2);
    expect(capped).toContain('_3 more cases in scores.json._');
  });
});
