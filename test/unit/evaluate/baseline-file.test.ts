import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaselineFileError, parseBaselineScores, readBaselineFile, SCORES_FORMAT } from '#lib/evaluate/index';

const score = (f: number): { precision: number; recall: number; fmeasure: number } => ({
  precision: f,
  recall: f,
  fmeasure: f,
});
const scores = (f: number): Record<string, unknown> => ({
  rouge1: score(f),
  rouge2: score(f / 2),
  rougeL: score(f),
  rougeLsum: score(f),
  faithfulness: {
    value: 0.75,
    sentences: [{ text: 'A.', support: 0.75, unsupported: [{ text: 'A', start: 0, end: 1, kind: 'name' }] }],
  },
});

const interval = { mean: 0.4, low: 0.3, high: 0.5 };
const intervals = {
  rouge1: interval,
  rouge2: interval,
  rougeL: interval,
  rougeLsum: interval,
  faithfulness: interval,
};
const caseOf = (id: string): Record<string, unknown> => ({
  id,
  tags: [],
  origin: `news.jsonl:${id}`,
  references: ['R.'],
  durationMs: 5,
});

/** A scores.json as writeEvalOutputs writes it. */
function validFile(): Record<string, unknown> {
  return {
    format: SCORES_FORMAT,
    version: 2,
    passed: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    gitSha: 'abc123',
    provider: { name: 'space', model: 'facebook/bart-large-cnn', space: 'org/app' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 100,
      concurrency: 2,
      metrics: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'faithfulness'],
    },
    fixtures: ['test/eval/news.jsonl'],
    aggregate: intervals,
    cases: [
      { ...caseOf('a'), scores: scores(0.4), summary: 'A.', latencyMs: 12 },
      { ...caseOf('b'), error: 'timed out' },
    ],
    gates: [],
  };
}

/** The same run as an earlier sumops wrote it: version 1, ROUGE only, `fmeasure` in the baseline section. */
function versionOneFile(): Record<string, unknown> {
  const { faithfulness: _, ...rouge } = scores(0.4);
  const { faithfulness: __, ...rougeIntervals } = intervals;
  const file = validFile();
  return {
    ...file,
    version: 1,
    settings: { ...(file.settings as object), metrics: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] },
    aggregate: rougeIntervals,
    cases: [
      { ...caseOf('a'), scores: rouge, summary: 'A.' },
      { ...caseOf('b'), error: 'timed out' },
    ],
  };
}

describe('baseline scores file', () => {
  it('keeps scored cases with their values (F-measure for ROUGE) and the provider details', () => {
    const parsed = parseBaselineScores(JSON.stringify(validFile()), 'main.json');
    expect(parsed).toEqual({
      provider: { name: 'space', model: 'facebook/bart-large-cnn', space: 'org/app' },
      gitSha: 'abc123',
      createdAt: '2026-01-01T00:00:00.000Z',
      stemmer: true,
      metrics: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'faithfulness'],
      cases: [
        {
          id: 'a',
          values: { rouge1: 0.4, rouge2: 0.2, rougeL: 0.4, rougeLsum: 0.4, faithfulness: 0.75 },
          summary: 'A.',
        },
      ],
    });
  });

  it('reads a version-1 file as ROUGE only, and says it was version 1', () => {
    const parsed = parseBaselineScores(JSON.stringify(versionOneFile()), 'old.json');
    expect(parsed.metrics).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
    expect(parsed.fileVersion).toBe(1);
    expect(parsed.cases).toEqual([
      { id: 'a', values: { rouge1: 0.4, rouge2: 0.2, rougeL: 0.4, rougeLsum: 0.4 }, summary: 'A.' },
    ]);
  });

  it.each([
    [
      (d: Record<string, unknown>) => ({ ...d, format: 'other' }),
      'format: Invalid input: expected "sumops-eval-scores"',
    ],
    [(d: Record<string, unknown>) => ({ ...d, version: 3 }), 'version: Invalid input: expected 2'],
    [
      (d: Record<string, unknown>) => ({ ...d, provider: 'embedded' }),
      'provider: Invalid input: expected object, received string',
    ],
    [
      (d: Record<string, unknown>) => ({ ...d, cases: {} }),
      'cases: Invalid input: expected array, received object',
    ],
    [
      (d: Record<string, unknown>) => ({
        ...d,
        cases: [{ ...caseOf('a'), scores: { ...scores(0.4), rougeL: score(1.5) } }],
      }),
      'cases[0].scores.rougeL.precision: Too big: expected number to be <=1',
    ],
    [
      (d: Record<string, unknown>) => ({ ...d, cases: [caseOf('a')] }),
      'cases[0]: has neither "scores" nor "error"',
    ],
    [
      (d: Record<string, unknown>) => ({
        ...d,
        cases: [
          { ...caseOf('a'), error: 'x' },
          { ...caseOf('a'), error: 'y' },
        ],
      }),
      'cases[1].id: "a" appears twice',
    ],
    [
      (d: Record<string, unknown>) => {
        const { faithfulness: _, ...rouge } = scores(0.4);
        return { ...d, cases: [{ ...caseOf('a'), scores: rouge }] };
      },
      'cases[0].scores: has no "faithfulness" (settings.metrics lists it)',
    ],
    [
      (d: Record<string, unknown>) => ({ ...d, aggregate: { ...intervals, faithfulness: undefined } }),
      'aggregate: has no "faithfulness" (settings.metrics lists it)',
    ],
    [
      (d: Record<string, unknown>) => ({
        ...d,
        cases: [
          {
            ...caseOf('a'),
            scores: {
              ...scores(0.4),
              faithfulness: { value: 0.5, sentences: [{ text: 'A.', support: 2, unsupported: [] }] },
            },
          },
        ],
      }),
      'cases[0].scores.faithfulness.sentences[0].support: expected a fraction in [0, 1]',
    ],
    [
      (d: Record<string, unknown>) => ({
        ...d,
        cases: [
          {
            ...caseOf('a'),
            scores: {
              ...scores(0.4),
              faithfulness: {
                value: 0.5,
                sentences: [
                  {
                    text: 'A.',
                    support: 0.5,
                    unsupported: [{ text: 'A', start: 0.5, end: 1, kind: 'name' }],
                  },
                ],
              },
            },
          },
        ],
      }),
      'cases[0].scores.faithfulness.sentences[0].unsupported[0].start: expected a whole number ≥ 0',
    ],
  ])('rejects a malformed file, naming the file and the field (%#)', (mutate, detail) => {
    let caught: unknown;
    try {
      parseBaselineScores(JSON.stringify(mutate(validFile())), 'main.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BaselineFileError);
    expect((caught as BaselineFileError).message).toContain(`baseline main.json: ${detail}`);
    expect((caught as BaselineFileError).message).toMatch(
      /; expected the scores.json an earlier evaluation wrote$/,
    );
  });

  it('names the file when it is missing or not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sumops-baseline-'));
    await expect(readBaselineFile(join(dir, 'nope.json'))).rejects.toThrow(
      /baseline .*nope\.json: cannot be read/,
    );
    await writeFile(join(dir, 'bad.json'), '{"format": ');
    await expect(readBaselineFile(join(dir, 'bad.json'))).rejects.toThrow(
      /baseline .*bad\.json: is not valid JSON/,
    );
  });
});
