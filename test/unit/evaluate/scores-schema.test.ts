import { describe, expect, it } from 'vitest';
import { BaselineFileError } from '#lib/evaluate/errors';
import { parseBaselineScores } from '#lib/evaluate/baseline-file';
import { MAX_EVAL_CASES } from '#lib/evaluate/scores-schema';
import { parseScoresJson } from '#lib/evaluate/scores-read';
import { InvalidEvalArtifactError, parseEvalResult } from '#lib/github/eval-artifact';

const interval = { mean: 0.4, low: 0.3, high: 0.5 };
const intervals = { rouge1: interval };
const score = { precision: 0.5, recall: 0.4, fmeasure: 0.44 };
const scores = { rouge1: score };
const caseOf = (id: string): Record<string, unknown> => ({
  id,
  tags: ['news'],
  origin: `news.jsonl:${id}`,
  references: ['R.'],
  summary: 'S.',
  durationMs: 3,
  scores,
});
const valid = (): Record<string, unknown> => ({
  format: 'sumops-eval-scores',
  version: 2,
  passed: true,
  createdAt: '2026-11-20T10:00:00.000Z',
  provider: { name: 'space', model: 'distilbart' },
  settings: {
    stemmer: true,
    seed: 1,
    confidence: 0.95,
    bootstrapSamples: 1000,
    concurrency: 4,
    metrics: ['rouge1'],
  },
  fixtures: ['test/eval/news.jsonl'],
  aggregate: intervals,
  cases: [caseOf('a')],
  gates: [],
});

function thrown(attempt: () => unknown): Error {
  try {
    attempt();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('the scores.json schema', () => {
  it('drops keys it does not describe at the top, and refuses them in a case, so nothing unexpected reaches the renderer', () => {
    const top = parseScoresJson(JSON.stringify({ ...valid(), html: '<script>', cases: [caseOf('a')] }));
    expect(top.ok).toBe(true);
    expect(top.ok && Object.keys(top.result)).not.toContain('html');
    // A case's JSON line is copied as it is by a merge, so an unknown key there is an error, not dropped.
    const inCase = parseScoresJson(
      JSON.stringify({ ...valid(), cases: [{ ...caseOf('a'), raw: '@everyone' }] }),
    );
    expect(inCase).toEqual({ ok: false, detail: 'cases[0]: Unrecognized key: "raw"' });
  });

  it('is the one check both readers apply: the artifact and the baseline fail on the same key path', () => {
    const file = JSON.stringify({
      ...valid(),
      cases: [{ ...caseOf('a'), scores: { ...scores, rouge1: 7 } }],
    });
    const detail = 'cases[0].scores.rouge1: Invalid input: expected object, received number';
    const artifact = thrown(() => parseEvalResult(file, 'artifact/scores.json'));
    const baseline = thrown(() => parseBaselineScores(file, 'main/scores.json'));
    expect(artifact).toBeInstanceOf(InvalidEvalArtifactError);
    expect(artifact.message).toContain(`artifact/scores.json: ${detail}`);
    expect(baseline).toBeInstanceOf(BaselineFileError);
    expect(baseline.message).toContain(`main/scores.json: ${detail}`);
    for (const error of [artifact, baseline]) expect(error.message).not.toContain('\n');
  });

  it('bounds the number of cases', () => {
    const many = Array.from({ length: MAX_EVAL_CASES + 1 }, (_, i) => caseOf(`c${i}`));
    const parsed = parseScoresJson(JSON.stringify({ ...valid(), cases: many }));
    expect(parsed).toEqual({
      ok: false,
      detail: expect.stringMatching(/^cases: Too big: .*200000/) as unknown,
    });
  });

  it("refuses a case whose metrics are not the run's: a value settings.metrics does not list", () => {
    const extra = parseScoresJson(
      JSON.stringify({ ...valid(), cases: [{ ...caseOf('a'), scores: { ...scores, rouge2: score } }] }),
    );
    expect(extra).toEqual({ ok: false, detail: 'cases[0].scores.rouge2: is not in settings.metrics' });
  });

  it('reads a version-1 file (ROUGE only, `fmeasure` per baseline case) as version 2', () => {
    const rouge = { rouge1: score, rouge2: score, rougeL: score, rougeLsum: score };
    const four = { rouge1: interval, rouge2: interval, rougeL: interval, rougeLsum: interval };
    const v1 = {
      ...valid(),
      version: 1,
      aggregate: four,
      cases: [{ ...caseOf('a'), scores: rouge }],
      baseline: {
        source: { kind: 'file', path: 'main/scores.json' },
        provider: { name: 'embedded', model: 'm' },
        aggregate: four,
        deltas: four,
        paired: 1,
        onlyCandidate: [],
        onlyBaseline: [],
        cases: [{ id: 'a', fmeasure: { rouge1: 0.3, rouge2: 0.2, rougeL: 0.3, rougeLsum: 0.3 } }],
        notes: [],
      },
    };
    const parsed = parseScoresJson(JSON.stringify(v1));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.result.version).toBe(2);
    // Every version-1 writer scored the four ROUGE variants, whatever its settings said.
    expect(parsed.result.settings.metrics).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
    expect(parsed.result.baseline?.cases).toEqual([
      { id: 'a', values: { rouge1: 0.3, rouge2: 0.2, rougeL: 0.3, rougeLsum: 0.3 } },
    ]);
    expect(parsed.result.baseline?.missingMetrics).toEqual([]);
  });

  it('keeps a JSON syntax error on one line', () => {
    const parsed = parseScoresJson('{"format":\n\n}');
    expect(parsed).toEqual({ ok: false, detail: expect.stringMatching(/^is not valid JSON \(/) as unknown });
    expect(parsed.ok || parsed.detail.includes('\n')).toBe(false);
  });
});
