import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_SENTENCE_TOKENS, prepareSourceText } from '#lib/faithfulness/source';
import type { PreparedSource } from '#lib/faithfulness/source';

/** The source's sentences as the keys of their tokens, joined by spaces. */
function sentences(source: PreparedSource): string[] {
  const keyOf = new Map([...source.ids].map(([key, id]) => [id, key]));
  const out: string[] = [];
  for (let s = 0; s + 1 < source.sentenceStarts.length; s++) {
    const ids = source.tokens.subarray(source.sentenceStarts[s], source.sentenceStarts[s + 1]);
    out.push([...ids].map((id) => keyOf.get(id)).join(' '));
  }
  return out;
}

const split = (text: string) => sentences(prepareSourceText(text));

describe('prepareSourceText: sentences', () => {
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
});

describe('prepareSourceText: index', () => {
  it('lists for each content id the sentences holding it, each once; function words have none', () => {
    const source = prepareSourceText('The farm opened. The farm and the farm shop closed. Shops opened.');
    const postings = (key: string) => {
      const id = source.ids.get(key)!;
      return [...source.postings.subarray(source.postingStart[id], source.postingStart[id + 1])];
    };
    expect(postings('farm')).toEqual([0, 1]);
    expect(postings('shop')).toEqual([1, 2]);
    expect(postings('open')).toEqual([0, 2]);
    expect(postings('the')).toEqual([]);
    expect(source.tokens).toHaveLength(12);
  });

  it('gives one id per key: inflections and number spellings share it', () => {
    const source = prepareSourceText('Residents resided. Four or 4, 1.2m or 1.2 million.');
    expect(source.ids.get('resid')).toBeDefined();
    const [residents, resided] = source.tokens;
    expect(residents).toBe(resided);
    const ids = [...source.tokens];
    expect(ids[2]).toBe(ids[4]); // four, 4
    expect(ids[5]).toBe(ids[7]); // 1.2m, 1.2 million
  });
});
