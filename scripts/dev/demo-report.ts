// A PR comment as the evaluate action would post it, from made-up numbers: a candidate that invents names and
// numbers (so the possible-hallucinations section has cases), a baseline, tags, latency, and ten main runs of
// history (one a deploy) for the trend. Used by render-comment.ts to look at the comment as GitHub would draw it.
import { DEFAULT_METRICS, renderReport, SCORES_FORMAT } from '#lib/evaluate/index';
import type { CaseResult, EvalResult } from '#lib/evaluate/index';
import type { HistoryRecord } from '#lib/history/index';
import { renderTrendSection } from '#lib/history/index';
import { seededRandom } from '#lib/stats/index';

const interval = (mean: number, spread: number) => ({ mean, low: mean - spread, high: mean + spread * 0.8 });
const score = (f: number) => ({ precision: f, recall: f, fmeasure: f });

function demoCase(i: number, random: () => number): CaseResult {
  const rouge = 0.32 + random() * 0.2;
  const invents = i % 3 === 0;
  const invented = `The array, owned by the residents of Okoro, produced ${40 + i} megawatt hours on 12 May.`;
  const span = (text: string, kind: 'name' | 'number' | 'date') => {
    const start = invented.indexOf(text);
    return { text, start, end: start + text.length, kind };
  };
  const sentences = [
    {
      text: 'The cooperative connected its first rooftop array to the grid in spring.',
      support: 1,
      unsupported: [],
    },
    invents
      ? {
          text: invented,
          support: 0.55,
          unsupported: [span('Okoro', 'name'), span(`${40 + i}`, 'number'), span('12 May', 'date')],
        }
      : {
          text: 'The array produced enough power for the school and the library.',
          support: 1,
          unsupported: [],
        },
  ];
  const value = sentences.reduce((sum, s) => sum + s.support, 0) / sentences.length;
  return {
    id: `news-${String(i).padStart(2, '0')}`,
    tags: [i % 2 === 0 ? 'news' : 'science'],
    origin: `test/eval/news.jsonl:${i + 1}`,
    references: [
      'A school cooperative switched on a rooftop solar array that powers the school and library.',
    ],
    summary: sentences.map((s) => s.text).join('\n'),
    scores: {
      rouge1: score(rouge),
      rouge2: score(rouge / 2.2),
      rougeL: score(rouge * 0.75),
      rougeLsum: score(rouge * 0.9),
      faithfulness: { value, sentences },
    },
    latencyMs: 380 + Math.round(random() * 500),
    durationMs: 900,
  };
}

/** The demo comment's Markdown. */
export function demoComment(): string {
  const random = seededRandom(3);
  const cases = Array.from({ length: 24 }, (_, i) => demoCase(i, random));
  const aggregate = {
    rouge1: interval(0.4213, 0.021),
    rouge2: interval(0.1932, 0.018),
    rougeL: interval(0.3105, 0.02),
    rougeLsum: interval(0.3821, 0.02),
    faithfulness: interval(0.8502, 0.035),
  };
  const deltas = {
    rouge1: interval(-0.012, 0.01),
    rouge2: interval(-0.008, 0.009),
    rougeL: interval(-0.01, 0.01),
    rougeLsum: interval(-0.011, 0.01),
    faithfulness: interval(-0.142, 0.03),
  };
  const result: EvalResult = {
    format: SCORES_FORMAT,
    version: 2,
    passed: false,
    createdAt: '2026-12-04T10:00:00.000Z',
    gitSha: '07d4bed9a1c3e5f7b9d179eed2f89d0a1b2c3d4e',
    provider: { name: 'space', model: 'sshleifer/distilbart-cnn-12-6', space: 'http://127.0.0.1:7860' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 1000,
      concurrency: 4,
      metrics: [...DEFAULT_METRICS],
    },
    fixtures: ['test/eval/news.jsonl'],
    fixtureSet: { hash: 'sha256:demo', cases: cases.length },
    aggregate,
    latency: { cases: cases.length, p50Ms: 612, p95Ms: 861 },
    byTag: {
      tags: [
        { tag: 'news', cases: 12, aggregate },
        { tag: 'science', cases: 12, aggregate },
      ],
      omitted: 0,
    },
    cases,
    baseline: {
      source: { kind: 'file', path: 'baseline/scores.json' },
      provider: { name: 'space', model: 'sshleifer/distilbart-cnn-12-6' },
      gitSha: 'b9d179eed2f89d07d4bed9a1c3e5f7b9d179eed2',
      aggregate,
      deltas,
      missingMetrics: [],
      paired: cases.length,
      onlyCandidate: [],
      onlyBaseline: [],
      cases: [],
      notes: [],
    },
    gates: [
      {
        kind: 'errors',
        passed: true,
        value: 0,
        limit: 0,
        message: `all ${cases.length} cases were summarized and scored`,
      },
      {
        kind: 'regression',
        metric: 'faithfulness',
        passed: false,
        value: -0.115,
        limit: -0.01,
        message: `faithfulness regressed significantly: Δ −14.20 [−17.70, −11.50] lies entirely below −1.00 (tolerance) over ${cases.length} paired cases`,
      },
    ],
  };
  const history: HistoryRecord[] = Array.from({ length: 10 }, (_, i) => ({
    version: 2,
    kind: i === 6 ? 'deploy' : 'evaluation',
    date: `2026-11-${String(20 + i).padStart(2, '0')}T09:00:00.000Z`,
    gitSha: `${'0123456789abcdef'[i] ?? 'f'}${'a1b2c3d4e5f6'.repeat(4)}`.slice(0, 40),
    model: 'sshleifer/distilbart-cnn-12-6',
    provider: 'space',
    fixtureSet: 'sha256:demo',
    cases: 24,
    aggregate: {
      rouge1: interval(0.425 + 0.006 * Math.sin(i), 0.02),
      faithfulness: interval(0.985 - 0.004 * (i % 3), 0.01),
    },
    latency: { p50Ms: 590 + i * 3, p95Ms: 830 + (i % 4) * 12 },
  }));
  const trend = renderTrendSection(result, history, { label: 'this PR' });
  return renderReport(result, {
    trend,
    runUrl: 'https://github.com/acme/summaries/actions/runs/8800017',
    marker: '<!-- sumops:evaluate -->',
  });
}
