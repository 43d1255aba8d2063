import { describe, expect, it } from 'vitest';
import { alignSentence, sharedRuns } from '#lib/faithfulness/align';
import { lex } from '#lib/faithfulness/lexer';
import { scanSource } from '#lib/faithfulness/source-scan';
import { SummaryWords } from '#lib/faithfulness/summary-words';
import { tokenize } from '#lib/faithfulness/tokens';

/** A summary sentence's codes, and the source scanned for its words. */
function scan(source: string, summary: string) {
  const tokens = tokenize(summary);
  const words = new SummaryWords(tokens);
  const codes = tokens.map((token) => words.codeOf(token));
  const contentCodes = [...new Set(codes.filter((_, i) => tokens[i]!.content))];
  return { words, codes, contentCodes, scanned: scanSource(lex(source), words) };
}

function align(source: string, summary: string): number {
  const { codes, contentCodes, scanned } = scan(source, summary);
  return alignSentence(scanned, codes, contentCodes);
}

describe('alignSentence', () => {
  it('picks the source sentence sharing the most content words', () => {
    const source =
      'The council met on Tuesday. Engineers found corrosion on two girders. Repairs will cost 46 million dollars.';
    expect(align(source, 'Corrosion was found on the girders.')).toBe(1);
    expect(align(source, 'Fixing it costs $46 million.')).toBe(2);
    expect(align(source, 'Nothing here matches.')).toBe(-1);
  });

  it('breaks a tie by the words shared (function words too), then by length', () => {
    const source =
      'Apple pen. I have a pen and an apple and a pineapple. I have an apple. Apple pen, apple pen.';
    // "apple" is in all four; "I have an apple" shares every word, and is shorter than the second sentence.
    expect(align(source, 'I have an apple.')).toBe(2);
  });

  it('ignores a word held by too many sentences to tell them apart', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `Solar news item ${i}.`).join(' ');
    // "solar" is in all 101 sentences: only "battery" decides.
    expect(align(`${filler} The solar farm has a battery.`, 'A solar battery.')).toBe(100);
  });

  it('does not align on a key the source has only as a function word ("uses" and "us")', () => {
    const source = 'Tell us more. They gave us the farm. The grid is new.';
    expect(align(source, 'It uses them.')).toBe(-1);
    expect(align(source, 'It uses the grid.')).toBe(2);
  });
});

describe('sharedRuns', () => {
  it('gives each token the longest verbatim run around it in the aligned sentence', () => {
    const { words, codes, scanned } = scan(
      'The solar farm near the village was connected to the grid on Tuesday.',
      'The solar farm was connected on Friday to the grid.',
    );
    // the solar farm | was connected | on | Friday | to the grid
    expect(sharedRuns(codes, words.codeCount, scanned, 0)).toEqual([3, 3, 3, 2, 2, 1, 0, 3, 3, 3]);
  });

  it('gives 0 to every token when no sentence is aligned', () => {
    const { words, codes, scanned } = scan('Something else entirely.', 'Three other words.');
    expect(sharedRuns(codes, words.codeCount, scanned, -1)).toEqual([0, 0, 0]);
  });
});
