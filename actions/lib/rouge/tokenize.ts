import { porterStem } from './porter';

// rouge-score's tokenize.py: anything outside ASCII a–z/0–9 (after Unicode lowercasing) separates tokens.
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;
const SPACES = /\s+/;

/**
 * rouge-score's DefaultTokenizer: lowercase, replace runs of non-[a-z0-9] with a space, split on whitespace and, when
 * `stemmer` is on, Porter-stem (NLTK_EXTENSIONS) tokens longer than 3 characters.
 * Examples: `café` → `caf`, `3.5` → `3 5`, `don't` → `don t`.
 */
export function tokenize(text: string, stemmer: boolean): string[] {
  const pieces = text.toLowerCase().replace(NON_ALPHANUMERIC, ' ').split(SPACES);
  const tokens: string[] = [];
  for (const piece of pieces) {
    // Only leading/trailing separators leave empty pieces; every other piece is already [a-z0-9]+.
    if (piece.length === 0) continue;
    const token = stemmer && piece.length > 3 ? porterStem(piece) : piece;
    // rouge-score re-checks tokens after stemming; a stem is never empty in practice, but match it anyway.
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}

/** rougeLsum's sentences: `text.split("\n")` minus empty strings; no other sentence splitting happens. */
export function summaryLines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}
