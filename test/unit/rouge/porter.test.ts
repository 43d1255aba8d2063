import { describe, expect, it } from 'vitest';
import { porterStem } from '#lib/rouge/index';
import { porterStemUncached } from '#lib/rouge/porter';

// Expected stems follow nltk/nltk:nltk/stem/porter.py (NLTK_EXTENSIONS, the default mode rouge-score uses).
// The "npm" comments give what Martin-variant stemmers such as stemmer@2.0.1 return, i.e. why a port was needed.
describe('porterStem (NLTK_EXTENSIONS deltas vs Martin-style stemmers)', () => {
  it.each([
    // irregular-forms pool, checked before any step
    ['skies', 'sky'],
    ['sky', 'sky'],
    ['dying', 'die'],
    ['lying', 'lie'],
    ['tying', 'tie'],
    ['news', 'news'],
    ['innings', 'inning'],
    ['outings', 'outing'],
    ['proceed', 'proceed'],
    ['succeed', 'succeed'],
    ['exceed', 'exceed'],
    // step 1a: 4-letter "-ies" keeps "ie"; longer words take "i"
    ['dies', 'die'],
    ['flies', 'fli'],
    // step 1b: "-ied" → "ie" for 4 letters, else "i" (checked before eed/ed/ing)
    ['died', 'die'],
    ['tried', 'tri'],
    ['spied', 'spi'],
    // *o also accepts a 2-letter vowel+consonant stem (npm: ag, ag, ac)
    ['aged', 'age'],
    ['ages', 'age'],
    ['aces', 'ace'],
    // step 1c: y→i only after a consonant (npm: dai, mondai, holidai, attornei; spry stays spry)
    ['day', 'day'],
    ['monday', 'monday'],
    ['holiday', 'holiday'],
    ['attorney', 'attorney'],
    ['spry', 'spri'],
    ['happy', 'happi'],
    // step 2: extra "fulli" rule and the "logi" rule keeping the l in the stem (npm: beautifulli, biologi, geologi)
    ['beautifully', 'beauti'],
    ['biology', 'biolog'],
    ['geology', 'geolog'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
});

describe('porterStem (classic Porter behaviour shared by every variant)', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'], // step 1b gives agree, then step 5a drops the e (m = 1, agr is not cvc)
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['controlling', 'control'],
    ['sales', 'sale'],
    ['temperature', 'temperatur'],
    ['1990s', '1990'],
    ['mp3s', 'mp3'],
    ['hopeful', 'hope'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it('leaves words of one or two letters unchanged', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('as')).toBe('as');
  });

  it('returns the same stem from the cache as from a fresh computation', () => {
    for (const word of ['generalizations', 'relational', 'conditional', 'dying', 'abbey']) {
      expect(porterStem(word)).toBe(porterStemUncached(word));
      expect(porterStem(word)).toBe(porterStemUncached(word));
    }
  });
});
