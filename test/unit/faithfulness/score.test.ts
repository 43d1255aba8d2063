import { describe, expect, it } from 'vitest';
import { prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';

const SOURCE =
  'The solar farm near Lüneburg was connected to the grid on Tuesday. It cost 12 million euros and ' +
  'is owned by 340 residents of the village. Officials expect it to power 4,000 homes.';

describe('scoreFaithfulness', () => {
  it('scores a verbatim extractive summary 1 with nothing unsupported', () => {
    const result = scoreFaithfulness(
      SOURCE,
      'The solar farm near Lüneburg was connected to the grid on Tuesday.\nOfficials expect it to power 4,000 homes.',
    );
    expect(result.faithfulness).toBe(1);
    expect(result.sentences.map((s) => s.support)).toEqual([1, 1]);
    expect(result.sentences.flatMap((s) => s.unsupported)).toEqual([]);
  });

  it('reports an invented name and number as spans of their kind, with offsets into the sentence', () => {
    const result = scoreFaithfulness(SOURCE, 'The solar farm near Okoro is owned by 870 residents.');
    const [sentence] = result.sentences;
    expect(sentence?.unsupported.map(({ text, kind }) => ({ text, kind }))).toEqual([
      { text: 'Okoro', kind: 'name' },
      { text: '870', kind: 'number' },
    ]);
    for (const span of sentence?.unsupported ?? []) {
      expect(sentence?.text.slice(span.start, span.end)).toBe(span.text);
    }
    expect(result.faithfulness).toBeLessThan(0.8);
    expect(result.faithfulness).toBeGreaterThan(0);
  });

  it('gives the same result for a prepared source as for its text', () => {
    const summary = 'Residents of Lüneburg paid 12 million euros for the farm.';
    expect(scoreFaithfulness(prepareSource(SOURCE), summary)).toEqual(scoreFaithfulness(SOURCE, summary));
  });

  it('splits prose into sentences and an empty summary into none', () => {
    expect(
      scoreFaithfulness(SOURCE, 'The farm cost 12 million euros. It powers homes.').sentences,
    ).toHaveLength(2);
    expect(scoreFaithfulness(SOURCE, '  \n ')).toEqual({ faithfulness: 1, sentences: [] });
  });
});
