import { stemmer } from 'stemmer';

const ASCII_WORD = /^[a-z]+$/;
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The form a word is compared by: its Porter stem when it is plain English, else itself. */
export function wordKey(lower: string): string {
  let stemmed = stemCache.get(lower);
  if (stemmed === undefined) {
    stemmed = ASCII_WORD.test(lower) ? stemmer(lower) : lower;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(lower, stemmed);
  }
  return stemmed;
}
