import { describe, expect, it } from 'vitest';
import { prepareSource, scoreFaithfulness } from '#lib/faithfulness/index';

const SOURCE =
  'The solar farm near Lüneburg was connected to the grid on Tuesday. It cost 12 million euros and ' +
  'is owned by 340 residents of the village. Officials expect it to power four thousand homes.\n\n' +
  'Dr. Anke Vogel, who chairs the cooperative, said the panels were made in Saxony.';

const spansOfIn = (source: string, summary: string) =>
  scoreFaithfulness(source, summary).sentences.flatMap((s) =>
    s.unsupported.map(({ text, kind }) => [text, kind]),
  );
const spansOf = (summary: string) => spansOfIn(SOURCE, summary);

describe('scoreFaithfulness', () => {
  it('scores a verbatim extract 1 with nothing unsupported, one sentence per line or as prose', () => {
    const lines =
      'The solar farm near Lüneburg was connected to the grid on Tuesday.\n' +
      'Dr. Anke Vogel, who chairs the cooperative, said the panels were made in Saxony.';
    for (const summary of [lines, lines.replace('\n', ' ')]) {
      const result = scoreFaithfulness(SOURCE, summary);
      expect(result.faithfulness).toBe(1);
      expect(result.sentences.map((s) => s.support)).toEqual([1, 1]);
      expect(result.sentences.flatMap((s) => s.unsupported)).toEqual([]);
    }
  });

  it('scores every copied sentence of a long summary 1, past the sentences searched for verbatim too', () => {
    const names = ['Anke', 'Bernd', 'Clara', 'Dieter', 'Elke', 'Frank', 'Gisela', 'Horst'];
    const copied = Array.from(
      { length: 40 },
      (_, i) =>
        `${names[i % 8]} planted ${i + 1} trees beside the ${['mill', 'church', 'school', 'bridge', 'lake'][i % 5]} of Lüneburg.`,
    );
    const source = copied.join(' ');
    const result = scoreFaithfulness(
      source,
      [...copied, 'Okoro planted 7 trees beside the mill of Lüneburg.'].join('\n'),
    );
    expect(result.sentences).toHaveLength(41);
    expect(result.sentences.slice(0, 40).map((s) => s.support)).toEqual(Array<number>(40).fill(1));
    expect(result.sentences[40]?.unsupported.map((span) => span.text)).toEqual(['Okoro']);
  });

  it('reports invented names and numbers as spans of their kind, with offsets into the sentence', () => {
    const result = scoreFaithfulness(SOURCE, 'The solar farm near Okoro is owned by 870 residents.');
    const [sentence] = result.sentences;
    expect(sentence!.unsupported.map(({ text, kind }) => [text, kind])).toEqual([
      ['Okoro', 'name'],
      ['870', 'number'],
    ]);
    for (const span of sentence!.unsupported)
      expect(sentence!.text.slice(span.start, span.end)).toBe(span.text);
    expect(result.faithfulness).toBeLessThan(0.8);
    expect(result.faithfulness).toBeGreaterThan(0);
  });

  it('accepts the same facts in other words: numbers spelled otherwise, inflections', () => {
    const result = scoreFaithfulness(
      SOURCE,
      'It cost €12m, and 340 residents own it.\nIt will power 4,000 homes.',
    );
    expect(result.sentences.flatMap((s) => s.unsupported)).toEqual([]);
    expect(result.faithfulness).toBeGreaterThan(0.5);
  });

  it('scores words taken from another sentence lower than the same words in their own, without spans', () => {
    const own = scoreFaithfulness(SOURCE, 'The solar farm cost 12 million euros.').faithfulness;
    const mixed = scoreFaithfulness(SOURCE, 'The panels power the grid in Lüneburg.');
    expect(mixed.sentences[0]!.unsupported).toEqual([]);
    expect(mixed.faithfulness).toBeLessThan(own);
  });

  it('lowers support for a negation the source does not have', () => {
    const plain = scoreFaithfulness(SOURCE, 'The solar farm near Lüneburg was connected to the grid.');
    const negated = scoreFaithfulness(SOURCE, 'The solar farm near Lüneburg was not connected to the grid.');
    expect(plain.faithfulness).toBe(1);
    expect(negated.faithfulness).toBeLessThan(0.9);
  });

  it('supports a short sentence found whole, and not a short one that is not', () => {
    const source = 'Living under ISIS\nThe week in video: what the group does.';
    expect(scoreFaithfulness(source, 'Living under ISIS.').faithfulness).toBe(1);
    expect(scoreFaithfulness(source, 'ISIS week.').faithfulness).toBeLessThan(1);
  });

  it('works on unspaced scripts and other alphabets', () => {
    const source = '东京是日本的首都。大阪是第二大城市。';
    expect(scoreFaithfulness(source, '东京是日本的首都。').faithfulness).toBe(1);
    const invented = scoreFaithfulness(source, '横滨是日本的首都。');
    expect(invented.sentences[0]!.unsupported.map((s) => [s.text, s.kind])).toEqual([['横滨', 'phrase']]);
    expect(scoreFaithfulness('Straße in Zürich gesperrt.', 'Straße in Zürich gesperrt.').faithfulness).toBe(
      1,
    );
  });

  it('lists spans in order and keeps support and faithfulness in [0, 1], the summary being the mean', () => {
    expect(spansOf('Nobody in Hamburg paid 99 francs for Quantum Flux.')).toEqual([
      ['Nobody', 'word'],
      ['Hamburg', 'name'],
      ['paid', 'word'],
      ['99', 'number'],
      ['francs', 'word'],
      ['Quantum Flux', 'name'],
    ]);
    const result = scoreFaithfulness(
      SOURCE,
      'Zebras juggle quietly.\nThe solar farm was connected to the grid.',
    );
    expect(result.sentences[0]!.support).toBe(0);
    expect(result.sentences[1]!.support).toBeGreaterThan(0.8);
    expect(result.faithfulness).toBeCloseTo(
      (result.sentences[0]!.support + result.sentences[1]!.support) / 2,
      12,
    );
  });

  it('gives the same result for a prepared source as for its text, every time', () => {
    const summary = 'Residents of Lüneburg paid 12 million euros for the farm.';
    const prepared = prepareSource(SOURCE);
    const first = scoreFaithfulness(prepared, summary);
    expect(scoreFaithfulness(prepared, summary)).toEqual(first);
    expect(scoreFaithfulness(SOURCE, summary)).toEqual(first);
  });

  it('scores a source prepared long before as its text, whatever was scored in between', () => {
    const summary = 'The solar farm in Okoro cost €12m.\nThe panels were made in Saxony on Friday.';
    const expected = scoreFaithfulness(SOURCE, summary);
    const prepared = prepareSource(SOURCE);
    const flood = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    scoreFaithfulness(prepareSource(flood), `${flood.slice(0, 5000)} Okoro 12.`);
    scoreFaithfulness('A small source after the others.', 'Another summary, about 12 farms.');
    expect(scoreFaithfulness(prepared, summary)).toEqual(expected);
    expect(scoreFaithfulness(prepared, 'The panels were made in Saxony.')).toEqual(
      scoreFaithfulness(SOURCE, 'The panels were made in Saxony.'),
    );
  });

  it('supports a sentence found verbatim as whole words, and compares one found inside other words', () => {
    const source = 'The farm opened in spring. Its heart is the old barn.';
    expect(scoreFaithfulness(source, 'Its heart is the old barn.').faithfulness).toBe(1);
    // "art is the old barn" is in the source only as part of "heart": not a copy, and "art" is not supported.
    const inside = scoreFaithfulness(source, 'art is the old barn.');
    expect(inside.sentences[0]!.unsupported.map((s) => s.text)).toEqual(['art']);
    expect(inside.faithfulness).toBeLessThan(1);
  });

  it('reports a content word whose stem the source has only as a function word ("uses", "us") as unsupported', () => {
    const source = 'Tell us more. They gave us the farm. The grid is new.';
    expect(spansOfIn(source, 'It uses the grid.')).toEqual([['uses', 'word']]);
    expect(scoreFaithfulness(source, 'Uses.').faithfulness).toBe(0);
  });

  it('treats an empty summary as nothing to check, and a sentence of function words as supported', () => {
    expect(scoreFaithfulness(SOURCE, '  \n ')).toEqual({ faithfulness: 1, sentences: [] });
    expect(scoreFaithfulness(SOURCE, 'It was.').sentences).toEqual([
      { text: 'It was.', support: 1, unsupported: [] },
    ]);
    expect(scoreFaithfulness('', 'A farm.').faithfulness).toBe(0);
  });

  it('handles a large source without punctuation and one word repeated everywhere', () => {
    const source = `${'solar '.repeat(200_000)}. The solar farm opened.`;
    const result = scoreFaithfulness(source, 'Solar farm.\nSolar solar solar.');
    expect(result.sentences.map((s) => s.support)).toEqual([1, 1]);
  });
});
