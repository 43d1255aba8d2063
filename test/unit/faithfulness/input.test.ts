import { describe, expect, it } from 'vitest';
import { FaithfulnessInputError, parseFaithfulnessInputLine } from '#lib/faithfulness/input';

describe('parseFaithfulnessInputLine', () => {
  it('reads source, summary and an optional id of any JSON type, ignoring other keys', () => {
    expect(parseFaithfulnessInputLine('{"source":"a","summary":"b","model":"x"}', 1)).toEqual({
      source: 'a',
      summary: 'b',
    });
    expect(parseFaithfulnessInputLine('{"id":null,"source":"a","summary":""}', 1)).toEqual({
      id: null,
      source: 'a',
      summary: '',
    });
  });

  it.each([
    ['{"source": ', /^line 4: not valid JSON \(/],
    ['"text"', /^line 4: not a JSON object; expected \{"source": string, "summary": string\}/],
    ['{"summary":"b"}', /^line 4: "source" is missing or not a string;/],
    ['{"source":"a","summary":3}', /^line 4: "summary" is missing or not a string;/],
  ])('%s fails naming the line and what is wrong', (text, message) => {
    const error = (() => {
      try {
        parseFaithfulnessInputLine(text, 4);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FaithfulnessInputError);
    expect((error as FaithfulnessInputError).line).toBe(4);
    expect((error as Error).message).toMatch(message);
  });
});
