import { wordSet } from '#lib/text/words';

/**
 * English function words: a summary shares them with any source, so counting them as support would make an invented
 * sentence look half supported. They still count inside phrases (runs of words shared with the source). Negations
 * ("not", "no", "never") are not on the list: dropping or adding one reverses a statement.
 */
const STOPWORDS = wordSet(
  'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here ' +
    'hers herself him himself his how i if in into is it its itself just me more most my myself nor now of ' +
    'off on once only or other our ours ourselves out over own per same she should so some such than that the their ' +
    'theirs them themselves then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your yours yourself yourselves us s t ll re ve d m',
);

/** Whether a lowercased word carries content a source must support. */
export function isContentWord(lower: string): boolean {
  return !STOPWORDS.has(lower);
}
