import { describe, expect, it } from 'vitest';
import { alignSentence, sharedRuns } from '#lib/faithfulness/align';
import { prepareSourceText } from '#lib/faithfulness/source';
import type { PreparedSource } from '#lib/faithfulness/source';
import { tokenize } from '#lib/faithfulness/tokens';

function idsOf(source: PreparedSource, text: string) {
  const tokens = tokenize(text);
  const ids = tokens.map((token) => source.ids.get(token.key) ?? -1);
  return { ids, contentIds: ids.filter((_, i) => tokens[i]!.content) };
}

function align(source: PreparedSource, text: string): number {
  const { ids, contentIds } = idsOf(source, text);
  return alignSentence(source, ids, contentIds);
}

describe('alignSentence', () => {
  it('picks the source sentence sharing the most content words', () => {
    const source = prepareSourceText(
      'The council met on Tuesday. Engineers found corrosion on two girders. Repairs will cost 46 million dollars.',
    );
    expect(align(source, 'Corrosion was found on the girders.')).toBe(1);
    expect(align(source, 'Fixing it costs $46 million.')).toBe(2);
    expect(align(source, 'Nothing here matches.')).toBe(-1);
  });

  it('breaks a tie by the words shared (function words too), then by length', () => {
    const source = prepareSourceText(
      'Apple pen. I have a pen and an apple and a pineapple. I have an apple. Apple pen, apple pen.',
    );
    // "apple" is in all four; "I have an apple" shares every word, and is shorter than the second sentence.
    expect(align(source, 'I have an apple.')).toBe(2);
  });

  it('ignores a word held by too many sentences to tell them apart', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `Solar news item ${i}.`).join(' ');
    const source = prepareSourceText(`${filler} The solar farm has a battery.`);
    // "solar" is in all 101 sentences: only "battery" decides.
    expect(align(source, 'A solar battery.')).toBe(100);
  });
});

describe('sharedRuns', () => {
  it('gives each token the longest verbatim run around it in the aligned sentence', () => {
    const source = prepareSourceText('The solar farm near the village was connected to the grid on Tuesday.');
    const { ids } = idsOf(source, 'The solar farm was connected on Friday to the grid.');
    // the solar farm | was connected | on | Friday | to the grid
    expect([...sharedRuns(ids, source, 0)]).toEqual([3, 3, 3, 2, 2, 1, 0, 3, 3, 3]);
  });

  it('gives 0 to every token when no sentence is aligned', () => {
    const source = prepareSourceText('Something else entirely.');
    expect([...sharedRuns([0, 1, 2], source, -1)]).toEqual([0, 0, 0]);
  });
});
