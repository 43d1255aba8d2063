import { isWordCharAt } from './scan';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Whether `text[at]` and `text[at + step]` (`step` ±1) belong to one token, so that a copy cut between them is no
 * copy of whole words: two word characters ("art" in "start"), or digits around "." or "," ("000" of "12,000").
 */
function joined(text: string, inside: number, outside: number): boolean {
  if (!isWordCharAt(text, outside)) {
    const separator = text.charCodeAt(outside);
    return (
      (separator === 46 || separator === 44) &&
      isDigit(text.charCodeAt(inside)) &&
      isDigit(text.charCodeAt(2 * outside - inside))
    );
  }
  return isWordCharAt(text, inside);
}

/**
 * Occurrences checked at most: a sentence found this often cut inside words ("ab a" in "ab ab ab …") is compared
 * word by word instead, so that the search stays linear in the source.
 */
const MAX_OCCURRENCES = 64;

/**
 * Whether `sentence` occurs in `source` exactly as written, starting and ending on word boundaries of the source: a
 * verbatim extract. Native substring search, each occurrence found checked at both ends.
 */
export function occursVerbatim(source: string, sentence: string): boolean {
  if (sentence === '') return false;
  let at = source.indexOf(sentence);
  for (let seen = 0; at >= 0 && seen < MAX_OCCURRENCES; seen++, at = source.indexOf(sentence, at + 1)) {
    const end = at + sentence.length;
    if (!joined(source, at, at - 1) && !joined(source, end - 1, end)) return true;
  }
  return false;
}
