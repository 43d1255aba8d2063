import { describe, expect, it } from 'vitest';
import { prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';
import { prepareSourceText } from '#lib/faithfulness/source';
import { tokenize } from '#lib/faithfulness/tokens';

const SOURCE =
  'The solar farm near Lüneburg was connected to the grid on Tuesday. It cost 12 million euros. ' +
  'Dr. Anke Vogel said the panels were made in Saxony.';
const SUMMARY = 'The solar farm in Okoro cost €12m.\nThe panels were made in Saxony on Friday.';

describe('faithfulness: ids of a prepared source', () => {
  it('answers a key lookup the same from the shared tables (last source) and from its own map (reused later)', () => {
    const source = prepareSourceText(SOURCE);
    const tokens = tokenize('The solar farms connected 12 million euros in Saxony, not Okoro.');
    const fromTables = tokens.map((t) => source.idOf(t.key, t.keyIndex));
    prepareSourceText('Another source, interned after it.');
    const fromMap = tokens.map((t) => source.idOf(t.key, t.keyIndex));
    expect(fromTables).toEqual(fromMap);
    expect(fromMap).toEqual(tokens.map((t) => source.ids.get(t.key) ?? -1));
    // the, solar, farms, connected, 12 million, euros, in, Saxony are in the source; not and Okoro are not.
    expect(fromTables.map((id) => id >= 0)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('scores a source prepared before the shared tables start afresh as it scores its text', () => {
    const expected = scoreFaithfulness(SOURCE, SUMMARY);
    const prepared = prepareSource(SOURCE);
    // More distinct words than the tables keep (200,000): preparing this starts them afresh.
    const flood = Array.from({ length: 210_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    prepareSource(flood);
    prepareSource('A small source after the reset.');
    expect(scoreFaithfulness(prepared, SUMMARY)).toEqual(expected);
    expect(scoreFaithfulness(SOURCE, SUMMARY)).toEqual(expected);
  });

  it('scores the last source prepared as its text after summaries alone fill the shared tables', () => {
    const expected = scoreFaithfulness(SOURCE, SUMMARY);
    const prepared = prepareSource(SOURCE);
    // Summary words enter the tables too; these start them afresh with no other source prepared in between.
    tokenize(Array.from({ length: 210_000 }, (_, i) => `v${i.toString(36)}`).join(' '));
    expect(scoreFaithfulness(prepared, SUMMARY)).toEqual(expected);
  });
});
