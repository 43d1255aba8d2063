import { describe, expect, it } from 'vitest';
import { unsupportedSpans } from '#lib/faithfulness/spans';
import { tokenize } from '#lib/faithfulness/tokens';

/** The spans of `text` when the words listed in `missing` are the unsupported ones. */
function spans(text: string, missing: string[]) {
  const tokens = tokenize(text).filter((token) => missing.includes(text.slice(token.start, token.end)));
  return unsupportedSpans(text, tokens).map(({ text: span, kind, start, end }) => {
    expect(text.slice(start, end)).toBe(span);
    return [span, kind];
  });
}

describe('unsupportedSpans', () => {
  it('names a capitalized word inside a sentence, and merges the words of one name', () => {
    expect(spans('The farm near Okoro opened.', ['Okoro'])).toEqual([['Okoro', 'name']]);
    expect(spans('He met Jean-Luc Picard there.', ['Jean', 'Luc', 'Picard'])).toEqual([
      ['Jean-Luc Picard', 'name'],
    ]);
    expect(spans("Ask Mary O'Brien.", ['Mary', 'O', 'Brien'])).toEqual([["Mary O'Brien", 'name']]);
  });

  it('tells a sentence-initial capital from a name unless it is an acronym or several capitalized words', () => {
    expect(spans('Officials said so.', ['Officials'])).toEqual([['Officials', 'word']]);
    expect(spans('NASA said so.', ['NASA'])).toEqual([['NASA', 'name']]);
    expect(spans('Jeremy Clarkson signed.', ['Jeremy', 'Clarkson'])).toEqual([['Jeremy Clarkson', 'name']]);
  });

  it('classifies numbers, years, months and weekdays', () => {
    expect(spans('It cost $1.2 million in 2019.', ['1.2 million', '2019'])).toEqual([
      ['1.2 million', 'number'],
      ['2019', 'date'],
    ]);
    expect(spans('It opened on Tuesday, 4 March.', ['Tuesday', '4', 'March'])).toEqual([
      ['Tuesday', 'date'],
      ['4 March', 'date'],
    ]);
    expect(spans('About 1500 people came.', ['1500'])).toEqual([['1500', 'number']]);
  });

  it('reports adjacent invented words as one phrase, separate ones apart', () => {
    expect(spans('The toddler tumbled headlong into the pit.', ['tumbled', 'headlong', 'pit'])).toEqual([
      ['tumbled headlong', 'phrase'],
      ['pit', 'word'],
    ]);
  });
});
