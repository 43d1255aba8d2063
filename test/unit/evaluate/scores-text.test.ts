import { describe, expect, it } from 'vitest';
import type { CaseResult, EvalResult } from '#lib/evaluate/index';
import { formatScoresJson, ROUGE_METRICS, SCORES_FORMAT } from '#lib/evaluate/index';
import type { ScoresDocument } from '#lib/evaluate/scores-text';
import { parseScoresBytes, ScoresSyntaxError } from '#lib/evaluate/scores-text';

function caseResult(i: number): CaseResult {
  const f = (i % 10) / 10;
  const score = { precision: f, recall: f, fmeasure: f };
  return {
    id: `case-${i}`,
    tags: ['news'],
    origin: `cases.jsonl:${i + 1}`,
    // Characters that must stay escaped on one line, and a multi-byte one.
    references: [`Line one of ${i}.\nLine "two" — ünïcode, tab\there.`],
    summary: `Summary ${i},\n  "cases": [ inside a string`,
    scores: { rouge1: score, rouge2: score, rougeL: score, rougeLsum: score },
    durationMs: i,
  };
}

function result(count: number): EvalResult {
  return {
    format: SCORES_FORMAT,
    version: 2,
    passed: true,
    createdAt: '2026-12-01T00:00:00.000Z',
    provider: { name: 'embedded', model: 'sumops-extractive-v1' },
    settings: {
      stemmer: true,
      seed: 1,
      confidence: 0.95,
      bootstrapSamples: 1000,
      concurrency: 4,
      metrics: [...ROUGE_METRICS],
    },
    fixtures: ['cases.jsonl'],
    aggregate: Object.fromEntries(ROUGE_METRICS.map((m) => [m, { mean: 0.4, low: 0.3, high: 0.5 }])),
    cases: Array.from({ length: count }, (_, i) => caseResult(i)),
    gates: [
      { kind: 'errors', passed: true, value: 0, limit: 0, message: 'all cases were summarized and scored' },
    ],
  };
}

/** What a reader gets: the header, each case's value, and whether each came with its own line. */
function read(text: string): { header: unknown; values: unknown[]; spans: number } {
  const bytes = Buffer.from(text);
  const document: ScoresDocument = parseScoresBytes(bytes);
  const values: unknown[] = [];
  let spans = 0;
  for (const { value, span } of document.cases()) {
    values.push(value);
    if (span) {
      spans++;
      expect(JSON.parse(bytes.toString('utf8', span.start, span.end))).toEqual(value);
    }
  }
  return { header: document.header, values, spans };
}

/** The reader must agree with JSON.parse of the whole text, whatever the layout. */
function expectSameAsJsonParse(text: string): { spans: number } {
  const { cases, ...header } = JSON.parse(text) as { cases: unknown[] };
  const got = read(text);
  expect(got.header).toEqual(header);
  expect(got.values).toEqual(cases);
  return { spans: got.spans };
}

describe('scores.json layout', () => {
  it('is JSON with one case per line, each line that case as JSON.stringify writes it', () => {
    const original = result(5);
    const text = formatScoresJson(original);
    expect(JSON.parse(text)).toEqual(original);
    const lines = text.split('\n');
    const first = lines.indexOf('  "cases": [');
    expect(first).toBeGreaterThan(0);
    original.cases.forEach((c, i) => {
      expect(lines[first + 1 + i]).toBe(`    ${JSON.stringify(c)}${i < 4 ? ',' : ''}`);
    });
    expect(lines[first + 6]).toBe('  ],');
  });

  it('writes an empty case list as []', () => {
    const text = formatScoresJson(result(0));
    expect(text).toContain('\n  "cases": [],\n');
    expect(expectSameAsJsonParse(text).spans).toBe(0);
  });
});

describe('parseScoresBytes', () => {
  it('reads the layout line by line, every case with its own byte range', () => {
    expect(expectSameAsJsonParse(formatScoresJson(result(7))).spans).toBe(7);
  });

  it('reads other layouts whole, with the same result: compact and indented JSON', () => {
    expect(expectSameAsJsonParse(JSON.stringify(result(4))).spans).toBe(0);
    expect(expectSameAsJsonParse(JSON.stringify(result(4), null, 2)).spans).toBe(0);
  });

  it('hands over to the whole text at the first case that is not one line, keeping the cases before it', () => {
    const original = result(6);
    const text = formatScoresJson(original);
    const third = `    ${JSON.stringify(original.cases[2])},`;
    expect(text).toContain(third);
    const spread = text.replace(
      third,
      `    ${JSON.stringify(original.cases[2], null, 2).replaceAll('\n', '\n    ')},`,
    );
    expect(expectSameAsJsonParse(spread).spans).toBe(2);
  });

  it('is not fooled by a second "cases" key or a "cases" line inside another object', () => {
    const text = formatScoresJson(result(3));
    // JSON.parse keeps the last of two equal keys; so must the reader.
    const twice = text.replace('\n  "gates": [', '\n  "cases": [{"id":"later"}],\n  "gates": [');
    expect(expectSameAsJsonParse(twice).spans).toBe(0);
    const nested = text.replace('{\n  "format"', '{\n  "x": {\n  "cases": [\n1\n  ]},\n  "format"');
    expect(expectSameAsJsonParse(nested).spans).toBe(0);
  });

  it('reads a file that is not valid UTF-8 whole, as decoding it would', () => {
    const text = formatScoresJson(result(2));
    const at = Buffer.from(text).indexOf('Summary 1');
    const bytes = Buffer.from(text);
    bytes[at] = 0xff;
    const document = parseScoresBytes(bytes);
    const cases = [...document.cases()];
    expect(cases.every((c) => c.span === undefined)).toBe(true);
    expect((cases[1]?.value as CaseResult).summary).toMatch(/^\uFFFDummary 1/);
  });

  it('fails on text that is not JSON with JSON.parse’s message', () => {
    const text = formatScoresJson(result(3));
    const cut = text.replace(/"durationMs":1}/, '"durationMs":1');
    expect(() => [...parseScoresBytes(Buffer.from(cut)).cases()]).toThrow(ScoresSyntaxError);
    expect(() => parseScoresBytes(Buffer.from('{"format":'))).toThrow(ScoresSyntaxError);
  });

  it('says when there is no case array', () => {
    expect(parseScoresBytes(Buffer.from('{"format":"x"}')).hasCaseArray).toBe(false);
    expect(parseScoresBytes(Buffer.from('{"cases":{}}')).hasCaseArray).toBe(false);
    expect(parseScoresBytes(Buffer.from('[1]')).hasCaseArray).toBe(false);
  });
});
