import { describe, expect, it } from 'vitest';
import { PrefixFilter, stemPrefixLength } from '#lib/faithfulness/prefix-filter';
import { stemWord } from '#lib/text/stem';

// Words whose Porter stems end in a letter the word lacks (y → i, an added e, -bility → -bl) or are cut far back.
const WORDS =
  'happy happiness happily hoping hoped hope relational relate relation possibility possible possibly ability ' +
  'stability instability probable probably agreed agreement conditional condition saying says said day days ' +
  'activity active activation organization organize organ rational generalization hopefulness uses used using ' +
  'us news new eyed valency urgency controllable controlling ability nobility mobile flies fly dying lying';

describe('stemPrefixLength', () => {
  it('is a prefix that every word with the stem starts with', () => {
    for (const word of WORDS.split(' ')) {
      const stem = stemWord(word);
      expect(word.startsWith(stem.slice(0, stemPrefixLength(stem))), `${word} → ${stem}`).toBe(true);
    }
  });

  it('is the whole stem when the stemmer only cut the word short', () => {
    expect(stemPrefixLength('govern')).toBe(6);
    expect(stemPrefixLength('happi')).toBe(4);
    expect(stemPrefixLength('hope')).toBe(3);
    expect(stemPrefixLength('possibl')).toBe(6);
    expect(stemPrefixLength('able')).toBe(2);
  });
});

describe('PrefixFilter', () => {
  const passes = (filter: PrefixFilter, word: string) => filter.passes(word, 0, word.length);

  it('lets through every word with an entered stem, and few others', () => {
    const filter = new PrefixFilter();
    for (const word of ['happiness', 'possibility', 'governments', 'saying'])
      filter.add(stemWord(word), false);
    for (const word of ['happy', 'happily', 'possible', 'possibly', 'governed', 'governor', 'said', 'says'])
      expect(passes(filter, word), word).toBe(true);
    const others = 'the of and tree river council yesterday police market'.split(' ');
    expect(others.filter((word) => passes(filter, word))).toEqual([]);
  });

  it('lets number words through once a number is entered, and starts empty', () => {
    const filter = new PrefixFilter();
    expect(passes(filter, 'twelve')).toBe(false);
    filter.add('12', true);
    for (const word of ['twelve', 'four', 'first', 'seventieth'])
      expect(passes(filter, word), word).toBe(true);
    expect(passes(new PrefixFilter(), 'twelve')).toBe(false);
  });
});
