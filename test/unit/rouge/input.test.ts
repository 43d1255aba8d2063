import { describe, expect, it } from 'vitest';
import { parseRougeInputLine, RougeInputError } from '#lib/rouge/input';

describe('parseRougeInputLine', () => {
  it('accepts a single reference and keeps an id', () => {
    expect(parseRougeInputLine('{"id": 7, "prediction": "p", "reference": "r"}', 1)).toEqual({
      id: 7,
      prediction: 'p',
      references: ['r'],
    });
  });

  it('accepts a references array and leaves id out when absent', () => {
    const input = parseRougeInputLine('{"prediction": "p", "references": ["r1", "r2"]}', 1);
    expect(input).toEqual({ prediction: 'p', references: ['r1', 'r2'] });
    expect('id' in input).toBe(false);
  });

  it.each([
    ['{not json', /line 4: not valid JSON/],
    ['[1, 2]', /line 4: not a JSON object/],
    ['{"reference": "r"}', /line 4: "prediction" is missing/],
    ['{"prediction": 3, "reference": "r"}', /line 4: "prediction" is missing or not a string/],
    ['{"prediction": "p"}', /line 4: "reference" is missing/],
    ['{"prediction": "p", "references": []}', /line 4: "references" must be a non-empty array of strings/],
    ['{"prediction": "p", "references": ["r", 2]}', /line 4: "references" must be a non-empty array/],
  ])('rejects %s naming the line and the expected shape', (text, message) => {
    expect(() => parseRougeInputLine(text, 4)).toThrow(RougeInputError);
    expect(() => parseRougeInputLine(text, 4)).toThrow(message);
    expect(() => parseRougeInputLine(text, 4)).toThrow(/expected \{"prediction": string/);
  });
});
