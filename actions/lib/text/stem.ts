import { stemmer } from 'stemmer';

const ASCII_WORD = /^[a-z]+$/;

/** Memoizes stems: news text repeats words, and stemming dominates tokenization time otherwise. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The Porter stem of a lowercase English word; other words (the rules are English-only) as written. */
export function stemWord(lower: string): string {
  let stemmed = stemCache.get(lower);
  if (stemmed === undefined) {
    stemmed = ASCII_WORD.test(lower) ? stemmer(lower) : lower;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(lower, stemmed);
  }
  return stemmed;
}
