import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidEvalArtifactError,
  parseEvalResult,
  parsePrNumber,
  readBoundedFile,
  workflowRunFromEvent,
} from '#lib/github/eval-artifact';

const interval = { mean: 0.4, low: 0.3, high: 0.5 };
const intervals = { rouge1: interval, rouge2: interval, rougeL: interval, rougeLsum: interval };
const score = { precision: 0.5, recall: 0.4, fmeasure: 0.44 };
const valid = {
  format: 'sumops-eval-scores',
  version: 1,
  passed: true,
  createdAt: '2026-11-20T10:00:00.000Z',
  provider: { name: 'space', model: 'distilbart', space: 'http://127.0.0.1:7860' },
  settings: {
    stemmer: true,
    seed: 1,
    confidence: 0.95,
    bootstrapSamples: 1000,
    concurrency: 4,
    metrics: ['rouge1'],
  },
  fixtures: ['test/eval/a.jsonl'],
  aggregate: intervals,
  cases: [
    {
      id: 'a',
      tags: [],
      origin: 'a.jsonl:1',
      references: ['r'],
      summary: 's',
      durationMs: 3,
      scores: { rouge1: score, rouge2: score, rougeL: score, rougeLsum: score },
    },
  ],
  gates: [{ kind: 'threshold', metric: 'rouge1', passed: true, message: 'ok', value: 0.4, limit: 0.3 }],
};

describe('parseEvalResult', () => {
  it('accepts a well-formed scores file', () => {
    expect(parseEvalResult(JSON.stringify(valid), 'scores.json').cases[0]?.id).toBe('a');
  });

  it.each([
    ['not json', 'not valid JSON'],
    [JSON.stringify({ ...valid, format: 'other' }), 'format: Invalid input: expected "sumops-eval-scores"'],
    [
      JSON.stringify({ ...valid, settings: { ...valid.settings, metrics: ['<img src=x>'] } }),
      'settings.metrics[0]: Invalid option: expected one of',
    ],
    [
      JSON.stringify({ ...valid, gates: [{ ...valid.gates[0], kind: 'custom' }] }),
      'gates[0].kind: Invalid option',
    ],
    [
      JSON.stringify({ ...valid, cases: [{ ...valid.cases[0], id: 7 }] }),
      'cases[0].id: Invalid input: expected string, received number',
    ],
    [
      JSON.stringify({ ...valid, aggregate: { ...intervals, rouge2: { mean: '0.4' } } }),
      'aggregate.rouge2.mean: Invalid input: expected number',
    ],
    [
      JSON.stringify({ ...valid, baseline: { source: { kind: 'url' } } }),
      'baseline.source.kind: Invalid discriminator value',
    ],
  ])('rejects %s', (text, detail) => {
    const attempt = () => parseEvalResult(text, 'scores.json');
    expect(attempt).toThrow(InvalidEvalArtifactError);
    expect(attempt).toThrow(detail);
  });
});

describe('parsePrNumber / readBoundedFile / workflowRunFromEvent', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sumops-artifact-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts only a plain positive integer', () => {
    expect(parsePrNumber(' 42\n', 'pr-number')).toBe(42);
    for (const bad of ['0', '-3', '4.0', '12 13', '0x10', '', '1234567890']) {
      expect(() => parsePrNumber(bad, 'pr-number')).toThrow(/expected a PR number/);
    }
  });

  it('refuses files over the size bound and missing files', async () => {
    const big = join(dir, 'big');
    await writeFile(big, 'x'.repeat(100));
    await expect(readBoundedFile(big, 99)).rejects.toThrow(/is more than the 99 bytes allowed/);
    await expect(readBoundedFile(big, 100)).resolves.toHaveLength(100);
    await expect(readBoundedFile(join(dir, 'missing'), 10)).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });

  it('reads the run and its PR numbers from a workflow_run payload', () => {
    expect(
      workflowRunFromEvent({ workflow_run: { head_sha: 'abc', pull_requests: [{ number: 5 }, {}] } }),
    ).toEqual({
      headSha: 'abc',
      pullRequests: [5],
    });
    expect(workflowRunFromEvent({})).toBeUndefined();
  });
});
