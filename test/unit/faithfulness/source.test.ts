import { describe, expect, it } from 'vitest';
import { lex } from '#lib/faithfulness/lexer';
import { MAX_SOURCE_SENTENCE_TOKENS, scanSource } from '#lib/faithfulness/source-scan';
import { NONE, SummaryWords } from '#lib/faithfulness/summary-words';
import { tokenize } from '#lib/faithfulness/tokens';
import { stemWord } from '#lib/text/stem';

/** A source scanned for the words of `summary` (by default, all of its own words). */
function scan(text: string, summary = text) {
  const tokens = tokenize(summary);
  const words = new SummaryWords(tokens);
  const keyOf = new Map(
    tokens.map((token) => [words.codeOf(token), token.content ? token.key : stemWord(token.lower)]),
  );
  return { words, keyOf, scanned: scanSource(lex(text), words) };
}

/** The source's sentences as the keys of their tokens, joined by spaces. */
function split(text: string): string[] {
  const { keyOf, scanned } = scan(text);
  const out: string[] = [];
  for (let s = 0; s + 1 < scanned.sentenceStarts.length; s++) {
    const codes = scanned.codes.subarray(scanned.sentenceStarts[s], scanned.sentenceStarts[s + 1]);
    out.push([...codes].map((code) => keyOf.get(code)).join(' '));
  }
  return out;
}

describe('scanSource: sentences', () => {
  it('ends a sentence at a stop and a space before a word not in lowercase', () => {
    expect(split('The farm opened. It cost 12 million euros! Why? "Because," she said.')).toEqual([
      'the farm open',
      'it cost 12000000 euro',
      'why',
      'becaus she said',
    ]);
  });

  it('does not end one after a title or an initial, before lowercase, or at a decimal or bracket', () => {
    expect(split('Dr. Smith met J. K. Rowling.')).toHaveLength(1);
    expect(split('It weighs approx. ten tonnes.')).toHaveLength(1);
    expect(split('He was shot with a .22 calibre rifle.')).toHaveLength(1);
    expect(split('Some ate school lunches.(% denotes a share.)')).toHaveLength(1);
    expect(split('The firm Patrick Bradley Ltd.Mr McGurk was bailed.')).toHaveLength(1);
  });

  it('ends one where scraped text glued two sentences, as the summary splitter reads them', () => {
    expect(split('Scotland won the season.Scotland lost the next.')).toEqual([
      'scotland won the season',
      'scotland lost the next',
    ]);
    // "A " is no capitalized word: the summary splitter keeps this together, so the source does too.
    expect(split('It may resume.A tremor followed.')).toHaveLength(1);
  });

  it('ends one at a line break before a capital or a blank line, not at a hard wrap', () => {
    expect(split('Living under ISIS\nThe week in video')).toHaveLength(2);
    expect(split('a sentence that is\nwrapped in two lines')).toHaveLength(1);
    expect(split('first paragraph\n\nsecond paragraph')).toHaveLength(2);
    expect(split('东京很大。大阪也很大。')).toEqual(['东 京 很 大', '大 阪 也 很 大']);
  });

  it(`cuts a sentence of more than ${MAX_SOURCE_SENTENCE_TOKENS} tokens`, () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const lengths = split(words).map((sentence) => sentence.split(' ').length);
    expect(lengths).toEqual([MAX_SOURCE_SENTENCE_TOKENS, MAX_SOURCE_SENTENCE_TOKENS, 80]);
  });

  it('splits a source the same way whatever the summary asks of it', () => {
    const text = `Twenty five people came.\n${Array.from({ length: 200 }, (_, i) => `four hundred w${i}`).join(' ')}`;
    const starts = (summary: string) => [...scan(text, summary).scanned.sentenceStarts];
    const plain = scan(text, 'nothing alike').scanned;
    // With numbers to compare, "four hundred" is one token; the sentences still break at the same words.
    const withNumbers = scan(text, 'It was 400 or 25.').scanned;
    expect(withNumbers.sentenceStarts.length).toBe(plain.sentenceStarts.length);
    expect(starts('It was 400 or 25.')).not.toEqual(starts('nothing alike'));
  });
});

describe('scanSource: the summary words it finds', () => {
  it('lists for each content word the sentences holding it, each once; function words have none', () => {
    const { words, scanned } = scan('The farm opened. The farm and the farm shop closed. Shops opened.');
    const postings = (key: string) => scanned.postings[words.keys.get(key)!];
    expect(postings('farm')).toEqual([0, 1]);
    expect(postings('shop')).toEqual([1, 2]);
    expect(postings('open')).toEqual([0, 2]);
    expect(words.keys.has('the')).toBe(false);
    expect(scanned.codes).toHaveLength(12);
  });

  it('gives one code per key: inflections and number spellings share it', () => {
    const { words, scanned } = scan('Residents resided. Four or 4, 1.2m or 1.2 million.', 'resident 4 1.2m');
    const ids = [...scanned.codes];
    expect(ids[0]).toBe(words.keys.get('resid'));
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[4]); // four, 4
    expect(ids[5]).toBe(ids[7]); // 1.2m, 1.2 million
    expect(ids[3]).toBe(NONE); // "or" is no word of the summary
  });

  it('finds words beyond ASCII, numbers spelled out and "per cent" whatever their first letters', () => {
    const { words, scanned } = scan(
      'Die Straße in Zürich: zwölf of twenty-five, 44 per cent.',
      'Zürich 25 Straße 44%',
    );
    const found = (key: string) => scanned.postings[words.keys.get(key)!]!.length > 0;
    for (const key of ['zürich', 'straße', '25', '44', 'percent']) expect(found(key), key).toBe(true);
  });
});
