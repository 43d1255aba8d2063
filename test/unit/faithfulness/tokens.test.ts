import { describe, expect, it } from 'vitest';
import { tokenize } from '#lib/faithfulness/tokens';

const keys = (text: string) => tokenize(text).map((token) => token.key);

describe('faithfulness tokens', () => {
  it.each([
    ['four', '4'],
    ['$1.2 million', '1.2m'],
    ['1.2 million', '1,200,000'],
    ['12,000', 'twelve thousand'],
    ['twenty-five', '25'],
    ['two hundred thousand', '200000'],
    ['the 70th', 'the seventieth'],
    ['3 bn', '3000000000'],
    ['40k', 'forty thousand'],
    ['1.50', '1.5'],
    ['44 per cent', '44%'],
    ['44 percent', '44 %'],
  ])('%j and %j compare equal', (a, b) => {
    expect(keys(a)).toEqual(keys(b));
  });

  it('keeps numbers that only stand next to each other apart', () => {
    expect(keys('in 1990 five people')).toEqual(['in', '1990', '5', 'peopl']);
    expect(keys('4 am')).toEqual(['4', 'am']);
  });

  it('splits "n\'t" off as "not", written together or apart', () => {
    expect(keys("didn't")).toEqual(['did', 'not']);
    expect(keys("did n't")).toEqual(['did', 'not']);
    expect(keys('can’t')).toEqual(['ca', 'not']);
    expect(keys("the n't")).toEqual(['the', 'not']);
  });

  it('stems English words and compares other scripts as written, lowercased and NFKC-normalized', () => {
    expect(keys('Residents RUNNING villagers')).toEqual(['resid', 'run', 'villag']);
    expect(keys('Zürich Straße')).toEqual(['zürich', 'straße']);
    expect(keys('ＡＢＣ１２')).toEqual(['abc12']);
    expect(keys('İstanbul')).toEqual(['istanbul']);
    // Han and Kana characters are one token each.
    expect(keys('東京タワー')).toEqual(['東', '京', 'タ', 'ワ', 'ー']);
  });

  it('reports UTF-16 offsets into the text as given', () => {
    // An astral character (emoji, two UTF-16 units) first, a letter whose lowercase is longer, fullwidth letters.
    const text = '😀 İstanbul, ＡＢＣ and 1.2 million didn’t';
    expect(tokenize(text).map((token) => text.slice(token.start, token.end))).toEqual([
      'İstanbul',
      'ＡＢＣ',
      'and',
      '1.2 million',
      'did',
      'n’t',
    ]);
  });

  it('marks numbers, negations and non-function words as content', () => {
    expect(tokenize('The cat did not eat 4 of them').map((token) => [token.lower, token.content])).toEqual([
      ['the', false],
      ['cat', true],
      ['did', false],
      ['not', true],
      ['eat', true],
      ['4', true],
      ['of', false],
      ['them', false],
    ]);
  });
});
