import { describe, expect, it } from 'vitest';
import { oneSentencePerLine, scoreRouge } from '../../../actions/lib/rouge/index';

describe('oneSentencePerLine', () => {
  it('puts each sentence on its own line', () => {
    expect(oneSentencePerLine('Hello world. This is a test! Is it? Yes.')).toBe(
      'Hello world.\nThis is a test!\nIs it?\nYes.',
    );
  });

  it('does not break inside U.S., decimals or after titles such as Mr.', () => {
    expect(oneSentencePerLine('The U.S. officials said no. Mr. Smith left at 3.5 p.m. today.')).toBe(
      'The U.S. officials said no.\nMr. Smith left at 3.5 p.m. today.',
    );
  });

  it('keeps existing line breaks and drops blank lines', () => {
    expect(oneSentencePerLine('First line\n\nSecond. Third.\n')).toBe('First line\nSecond.\nThird.');
  });

  it('restores rougeLsum for a prediction written on one line', () => {
    // reference: the storm cut power (4 tokens); prediction: power was cut the storm hit (6 tokens).
    // One line: LCS = "the storm" → 2 hits: P = 1/3, R = 1/2, F = 2/5.
    // Split: LCS with "power was cut" (1 token) ∪ LCS with "the storm hit" (2) → 3 hits: P = 1/2, R = 3/4, F = 3/5.
    const reference = 'The storm cut power.';
    const oneLine = 'Power was cut. The storm hit.';
    expect(scoreRouge(oneLine, reference).rougeLsum!.fmeasure).toBeCloseTo(2 / 5, 12);
    expect(scoreRouge(oneSentencePerLine(oneLine), reference).rougeLsum!.fmeasure).toBeCloseTo(3 / 5, 12);
  });
});
