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
});

const interval = { mean: 0.4, low: 0.3, high: 0.5 };
const intervals = { rouge1: interval, rouge2: interval, rougeL: interval, rougeLsum: interval };
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
    version: 1,
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
      metrics: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'],
    },
    fixtures: ['test/eval/news.jsonl'],
    aggregate: intervals,
    cases: [
      { ...caseOf('a'), scores: scores(0.4), summary: 'A.' },
      { ...caseOf('b'), error: 'timed out' },
    ],
    gates: [],
  };
}

describe('baseline scores file', () => {
  it('keeps scored cases with their F-measures and the provider details', () => {
    const parsed = parseBaselineScores(JSON.stringify(validFile()), 'main.json');
    expect(parsed).toEqual({
      provider: { name: 'space', model: 'facebook/bart-large-cnn', space: 'org/app' },
      gitSha: 'abc123',
      createdAt: '2026-01-01T00:00:00.000Z',
      stemmer: true,
      cases: [
        { id: 'a', fmeasure: { rouge1: 0.4, rouge2: 0.2, rougeL: 0.4, rougeLsum: 0.4 }, summary: 'A.' },
      ],
    });
  });

  it.each([
    [
      (d: Record<string, unknown>) => ({ ...d, format: 'other' }),
      'format: Invalid input: expected "sumops-eval-scores"',
    ],
    [(d: Record<string, unknown>) => ({ ...d, version: 2 }), 'version: Invalid input: expected 1'],
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
