import { describe, expect, it } from 'vitest';
import type { CaseResult, EvalResult } from '#lib/evaluate/index';
import { METRICS, renderReport, SCORES_FORMAT } from '#lib/evaluate/index';
import { markSpans } from '#lib/evaluate/metrics/mark-spans';
import type { FaithfulnessValue } from '#lib/evaluate/metrics/faithfulness';
import type { MetricIntervals } from '#lib/evaluate/types';

const score = (f: number) => ({ precision: f, recall: f, fmeasure: f });
const interval = (mean: number) => ({ mean, low: mean - 0.02, high: mean + 0.02 });
const intervals = (mean: number): MetricIntervals => ({
  rouge1: interval(mean),
  rouge2: interval(mean / 2),
  rougeL: interval(mean),
  rougeLsum: interval(mean),
  faithfulness: interval(0.9),
});

/** A sentence with `invented` marked as unsupported wherever it occurs. */
function sentence(text: string, invented: string[], support: number): FaithfulnessValue['sentences'][number] {
  return {
    text,
    support,
    unsupported: invented.map((word) => {
      const start = text.indexOf(word);
      return { text: word, start, end: start + word.length, kind: /\d/.test(word) ? 'number' : 'name' };
    }),
  };
}

function caseResult(id: string, faithfulness: FaithfulnessValue, tags: string[] = []): CaseResult {
  return {
    id,
    tags,
    origin: `f.jsonl:${id.length}`,
    references: ['A reference.'],
    summary: faithfulness.sentences.map((s) => s.text).join('\n'),
    scores: {
      rouge1: score(0.4),
      rouge2: score(0.2),
      rougeL: score(0.4),
      rougeLsum: score(0.4),
      faithfulness,
    },
    latencyMs: 100,
    durationMs: 120,
  };
}

function result(cases: CaseResult[], extra: Partial<EvalResult> = {}): EvalResult {
  return {
    format: SCORES_FORMAT,
    version: 2,
    passed: true,
    createdAt: '2026-05-01T10:00:00.000Z',
    provider: { name: 'space', model: 'bart' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 100,
      concurrency: 1,
      metrics: [...METRICS],
    },
    fixtures: [],
    aggregate: intervals(0.4),
    cases,
    gates: [
      { kind: 'errors', passed: true, value: 0, limit: 0, message: 'all cases were summarized and scored' },
    ],
    ...extra,
  };
}

const faithful: FaithfulnessValue = {
  value: 1,
  sentences: [sentence('The bridge reopened on Monday.', [], 1)],
};
const invented = (value: number, name = 'Okoro'): FaithfulnessValue => ({
  value,
  sentences: [
    sentence('The plant was owned by the town.', [], 1),
    sentence(`The plant was connected to the grid on ${name} in 1987.`, [name, '1987'], value),
  ],
});

describe('the report with faithfulness', () => {
  it('has a faithfulness column beside ROUGE, and says which metrics a baseline had no values for', () => {
    const body = renderReport(
      result([caseResult('a', faithful)], {
        baseline: {
          source: { kind: 'file', path: 'main/scores.json' },
          provider: { name: 'embedded', model: 'm' },
          aggregate: { rouge1: interval(0.38) },
          deltas: { rouge1: interval(0.02) },
          missingMetrics: ['faithfulness'],
          paired: 1,
          onlyCandidate: [],
          onlyBaseline: [],
          cases: [],
          notes: ['no baseline for faithfulness: a version-1 scores.json has no values for it'],
        },
      }),
    );
    expect(body).toContain('| | rouge1 | rouge2 | rougeL | rougeLsum | faithfulness |');
    expect(body).toContain('| 90.00 [88.00, 92.00] |');
    expect(body).toMatch(/\| baseline mean \| 38\.00 \| — \| — \| — \| — \|/);
    expect(body).toMatch(/\| Δ \[95% CI\] \| \+2\.00 \[±0\.00, \+4\.00\] \| .* \| no baseline \|/);
    expect(body).toContain('> no baseline for faithfulness: a version-1 scores.json has no values for it');
    expect(body).toContain('`faithfulness`: how much of the summary the source supports');
  });

  it('lists the cases with unsupported spans, worst first, each span in bold in its sentence', () => {
    const body = renderReport(
      result([
        caseResult('ok', faithful),
        caseResult('mild', invented(0.8)),
        caseResult('bad', invented(0.4)),
      ]),
    );
    const section = body.slice(body.indexOf('### ⚠️ Possible hallucinations'), body.indexOf('### Cases'));
    expect(section).toContain('2 cases have faithfulness findings, worst faithfulness first');
    expect(
      [...section.matchAll(/^- \*\*(\w+)\*\*: faithfulness (\d+\.\d\d)/gm)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['bad', '40.00'],
      ['mild', '80.00'],
    ]);
    expect(section).toContain(
      '  - The plant was connected to the grid on <b>Okoro</b> in <b>1987</b>. _(support 40.00; unsupported: name, number)_',
    );
    // Sentences the source supports, and cases without spans, are not listed.
    expect(section).not.toContain('owned by the town');
    expect(section).not.toContain('**ok**');
  });

  it('escapes model output in the findings: no mentions, references, HTML or links get through', () => {
    const hostile = '@admin <img src=x onerror=alert(1)> fixes #12 [x](javascript:alert(1))';
    const value: FaithfulnessValue = {
      value: 0.2,
      sentences: [sentence(`${hostile} and Okoro`, ['Okoro', '@admin', '<img'], 0.2)],
    };
    const body = renderReport(result([caseResult('evil <b>@bob</b>', value)]));
    const section = body.slice(body.indexOf('### ⚠️'), body.indexOf('### Cases'));
    expect(section).not.toMatch(/@(admin|bob)/);
    expect(section).not.toMatch(/#12/);
    expect(section).not.toContain('<img');
    expect(section).not.toMatch(/\]\(javascript/);
    expect(section).toContain('<b>Okoro</b>');
    expect(section.match(/<b>/g)).toHaveLength(3);
    expect(section).toContain('**evil &lt;b&gt;@\u200Bbob&lt;/b&gt;**');
  });

  it('stays within the comment limit with many hallucinating cases, counting the ones left out', () => {
    const long = (i: number) =>
      `${'Filler words without support repeat here. '.repeat(8)}Case ${i} names Okoro${i} near @user${i}.`;
    const cases = Array.from({ length: 400 }, (_, i) =>
      caseResult(`c${String(i).padStart(3, '0')}`, {
        value: ((i * 7) % 100) / 100,
        sentences: Array.from({ length: 6 }, () => sentence(long(i), [`Okoro${i}`], 0.5)),
      }),
    );
    const body = renderReport(result(cases));
    expect(body.length).toBeLessThanOrEqual(65_000);
    const listed = (body.match(/^- \*\*c\d{3}\*\*/gm) ?? []).length;
    expect(listed).toBeGreaterThan(10);
    expect(body).toContain(
      `_${400 - listed} more cases with findings in the artifact (scores.json, report.md)._`,
    );
    // Each case shows at most four of its sentences and counts the rest.
    expect(body).toContain('_2 more sentences with unsupported spans in scores.json_');
    // There is still room for the case previews after the findings.
    expect((body.match(/<details>/g) ?? []).length).toBeGreaterThan(5);
    expect(body).not.toMatch(/@user/);
  });

  it('shows each metric per fixture tag, and the summarize latency with its gate', () => {
    const body = renderReport(
      result([caseResult('a', faithful, ['news'])], {
        latency: { cases: 1, p50Ms: 480.4, p95Ms: 1210 },
        byTag: {
          tags: [
            { tag: 'news', cases: 12, aggregate: intervals(0.41) },
            { tag: 'sci|ence @team', cases: 3, aggregate: intervals(0.3) },
          ],
          omitted: 2,
        },
        gates: [
          { kind: 'errors', passed: true, value: 0, limit: 0, message: 'ok' },
          { kind: 'latency', passed: true, value: 1210, limit: 2000, message: 'within' },
        ],
      }),
    );
    expect(body).toContain(
      'Summarize latency of `space` over 1 cases: p50 480 ms, p95 1,210 ms (limit p95 ≤ 2000 ms ✅).',
    );
    expect(body).toContain('| tag | cases | rouge1 | rouge2 | rougeL | rougeLsum | faithfulness |');
    expect(body).toContain('| news | 12 | 41.00 [39.00, 43.00] |');
    expect(body).toContain('| sci\\|ence @\u200Bteam | 3 | 30.00 [28.00, 32.00] |');
    expect(body).toContain('_2 less frequent tags not shown._');
  });
});

describe('markSpans', () => {
  it('bolds each span, escapes every piece and keeps the spaces between them', () => {
    expect(
      markSpans('Paid $1.2 million to *Okoro* Ltd', [
        { start: 5, end: 17 },
        { start: 22, end: 27 },
      ]),
    ).toBe('Paid <b>\\$1.2 million</b> to \\*<b>Okoro</b>\\* Ltd');
  });

  it('drops spans outside the text or overlapping an earlier one, whatever an artifact says', () => {
    const text = 'Okoro met Adebayo.';
    expect(
      markSpans(text, [
        { start: 10, end: 17 },
        { start: 0, end: 5 },
        { start: 3, end: 12 },
        { start: 40, end: 50 },
        { start: -3, end: Number.NaN },
      ]),
    ).toBe('<b>Okoro</b> met <b>Adebayo</b>.');
  });

  it('shortens long unmarked stretches to their ends, never splitting a surrogate pair', () => {
    const text = `${'😀'.repeat(60)} Okoro ${'word '.repeat(40)}end`;
    const start = text.indexOf('Okoro');
    const marked = markSpans(text, [{ start, end: start + 5 }]);
    expect(marked).toMatch(/^…(😀)+ <b>Okoro<\/b> (word )+/);
    // The tail is cut between words, not inside one.
    expect(marked).toMatch(/ word…$/);
    expect(marked.length).toBeLessThan(230);
    expect(marked).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts a long stretch between words', () => {
    const text = `${'alpha beta gamma delta '.repeat(6)}Okoro ${'epsilon zeta eta theta '.repeat(6)}`;
    const start = text.indexOf('Okoro');
    const marked = markSpans(text, [{ start, end: start + 5 }]);
    expect(marked).toMatch(/^…(alpha|beta|gamma|delta) /);
    expect(marked).toMatch(/ (epsilon|zeta|eta|theta)…$/);
  });

  it('keeps a mention or reference split at a span inert', () => {
    const text = 'ask @admin about #42';
    const marked = markSpans(text, [
      { start: 5, end: 10 },
      { start: 18, end: 20 },
    ]);
    expect(marked).toBe('ask @\u200B<b>admin</b> about \\#\u200B<b>42</b>');
  });
});
