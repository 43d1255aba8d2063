import { stemWord as stem } from '#lib/text/stem';

// Function words carry no topic; leaving them in makes every sentence look central.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here ' +
    'hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of ' +
    'off on once only or other our ours ourselves out over own same she should so some such than that the their ' +
    'theirs them themselves then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your yours yourself yourselves said says say told ' +
    'one two new like get got us mr mrs ms s t just year years time'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Content terms of a sentence: lowercase, stopwords dropped, English words stemmed. Runs of Chinese/Japanese
 * characters become character bigrams, which work as words for overlap.
 */
export function contentTerms(sentence: string): string[] {
  const terms: string[] = [];
  for (const match of sentence.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (UNSPACED_SCRIPT.test(word)) {
      if (word.length === 1) terms.push(word);
      for (let i = 0; i + 1 < word.length; i++) terms.push(word.slice(i, i + 2));
      continue;
    }
    if (STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    terms.push(stem(word));
  }
  return terms;
}
