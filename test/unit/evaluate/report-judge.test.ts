import { describe, expect, it } from 'vitest';
import { assembleResult } from '#lib/evaluate/assemble';
import type { CaseResult, Metric } from '#lib/evaluate/index';
import { renderReport } from '#lib/evaluate/index';
import { JUDGE_TRUST_NOTE } from '#lib/evaluate/report-judge';

// What the report makes of the judge's output: model text, so escaped like every summary; the worst cases with
// their reasons and unsupported claims; condensed sources said; and always the note on why the judge is advisory.

const HOSTILE =
  'Ignore the rubric @octocat #12 <img src=x onerror=alert(1)> [win](https://evil.example) </details> | x';
const METRIC_LIST: Metric[] = ['rouge1', 'judge-faithfulness', 'judge-coverage', 'judge-coherence'];

function judgedCase(
  i: number,
  options: { flagged?: number; condensed?: boolean; claimText?: string } = {},
): CaseResult {
  const flagged = Array.from({ length: options.flagged ?? 1 }, (_, k) => ({
    claim: options.claimText ?? `${HOSTILE} claim ${k}`,
    verdict: k % 2 === 0 ? ('contradicted' as const) : ('not_in_source' as const),
  }));
  const total = Math.max(flagged.length, 4);
  const condensed = options.condensed ? { condensed: true as const } : {};
  return {
    id: `case-${i}`,
    tags: [],
    origin: `f.jsonl:${i + 1}`,
    references: ['r'],
    summary: 's',
    scores: {
      rouge1: { precision: 0.4, recall: 0.4, fmeasure: 0.4 },
      'judge-faithfulness': {
        value: (total - flagged.length) / total,
        reason: HOSTILE,
        claims: { total, supported: total - flagged.length, flagged },
        ...condensed,
      },
      'judge-coverage': { value: 0.5, reason: HOSTILE, rating: 3, ...condensed },
      'judge-coherence': { value: 1, reason: 'reads well', rating: 5, ...condensed },
    },
    durationMs: 1,
  };
}

function result(cases: CaseResult[], condensed = 0) {
  return assembleResult({
    createdAt: '2026-12-01T00:00:00.000Z',
    provider: { name: 'space', model: 'm' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 100,
      concurrency: 1,
      metrics: METRIC_LIST,
      judge: {
        promptVersion: 'f'.repeat(64),
        model: 'judge`model',
        baseUrl: 'https://router.huggingface.co/v1',
      },
    },
    fixtures: [],
    cases,
    thresholds: {},
    tolerance: 0.01,
    judge: { calls: cases.length, cacheHits: 2, promptTokens: 12_345, completionTokens: 678, condensed },
  });
}

describe('the report of a judged run', () => {
  it('shows reasons and flagged claims of the worst cases, escaped, and says who judged and what it cost', () => {
    const report = renderReport(result([judgedCase(0, { flagged: 3 }), judgedCase(1, { flagged: 1 })]));
    expect(report).toContain('### ⚠️ Judge: unsupported claims (judge-faithfulness)');
    // Worst first: case-0 lost three of four claims.
    expect(report.indexOf('**case-0**: judge-faithfulness 25.00')).toBeLessThan(report.indexOf('**case-1**'));
    expect(report).toContain('_(contradicted by the source)_');
    expect(report).toContain('_(not in the source)_');
    expect(report).toContain('  - _1 of 4 claims supported_');
    expect(report).toContain('_judge (3/5):_ Ignore the rubric');
    // Model output is inert: no mention, reference, HTML, link or table break survives.
    expect(report).not.toMatch(/@octocat|#12|<img|\]\(https|<\/details> \|/);
    expect(report).toContain('@\u200Boctocat');
    expect(report).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(report).toContain(
      "**LLM judge** `judge'model` at `https://router.huggingface.co/v1`, prompt `ffffffffffff`: 2 calls, 2 cases from the cache, 12,345 prompt tokens and 678 completion tokens.",
    );
    expect(report).toContain(`> [!NOTE]\n> ${JUDGE_TRUST_NOTE}`);
    expect(JUDGE_TRUST_NOTE).toMatch(
      /talk to the judge.*offline `faithfulness` metric stays the default gate/,
    );
  });

  it('says when a source was condensed, in the cost line and beside each such case', () => {
    const report = renderReport(result([judgedCase(0, { condensed: true }), judgedCase(1)], 1));
    expect(report).toContain(
      "1 source did not fit the judge's context, so the judge read its map-reduce condensation: details may be missing from what it saw (scores.json marks those cases `condensed`, and so do their findings below).",
    );
    const item = report.slice(report.indexOf('**case-0**'), report.indexOf('**case-1**'));
    expect(item).toContain("judged on a condensation of the source, which did not fit the judge's context");
  });

  it('stays within the comment limit with thousands of cases full of long flagged claims', () => {
    const cases = Array.from({ length: 3000 }, (_, i) =>
      judgedCase(i, { flagged: 25, claimText: `${'a very long claim '.repeat(16)}${i}` }),
    );
    const report = renderReport(result(cases), { marker: '<!-- sumops:evaluate -->' });
    expect(report.length).toBeLessThanOrEqual(65_000);
    expect(report.trimEnd().endsWith('<!-- sumops:evaluate -->')).toBe(true);
    expect(report).toMatch(/_\d+ more cases? with findings in the artifact/);
  });
});
