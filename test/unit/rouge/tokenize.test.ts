import { describe, expect, it } from 'vitest';
import { summaryLines, tokenize } from '#lib/rouge/index';

describe('tokenize (rouge-score DefaultTokenizer)', () => {
  it.each([
    ['café', ['caf']],
    ['Zürich', ['z', 'rich']],
    ['3.5', ['3', '5']],
    ['12,000', ['12', '000']],
    ["don't", ['don', 't']],
    ['U.S.', ['u', 's']],
    ['  Hello, WORLD!  ', ['hello', 'world']],
    ['snake_case-and-hyphens', ['snake', 'case', 'and', 'hyphens']],
    ['日本語のテキスト', []],
    ['', []],
    ['line one\nline\ttwo\r\n', ['line', 'one', 'line', 'two']],
  ])('%j → %j without stemming', (text, tokens) => {
    expect(tokenize(text, false)).toEqual(tokens);
  });

  it('stems only tokens longer than 3 characters', () => {
    // "was"/"has"/"its" would lose their s if stemmed; rouge-score never stems them.
    expect(tokenize('Sales was rising; has its days', true)).toEqual([
      'sale',
      'was',
      'rise',
      'has',
      'its',
      'day',
    ]);
    expect(tokenize('Sales was rising; has its days', false)).toEqual([
      'sales',
      'was',
      'rising',
      'has',
      'its',
      'days',
    ]);
  });

  it('lowercases before dropping non-ASCII, so the Kelvin sign becomes k', () => {
    expect(tokenize('\u212Aelvin', false)).toEqual(['kelvin']);
  });
});

describe('summaryLines', () => {
  it('splits only on \\n and drops empty lines, keeping a lone \\r as a line', () => {
    expect(summaryLines('First. Second.\n\nThird\r\n\r')).toEqual(['First. Second.', 'Third\r', '\r']);
  });
});
