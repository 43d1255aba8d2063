// What a "word" is wherever sumops counts, cuts or lists words: Document.wordCount, the summarizers' --max-words and
// input budgets. One definition, so a document's reported word count means the same as a budget.

// Scripts written without spaces between words: each character counts as a word, so budgets mean roughly the same
// amount of text in Chinese or Japanese as in English.
const WORD_UNIT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Words as budgets count them: whitespace-separated tokens, and each Han/Kana character. */
export function countWords(text: string): number {
  let count = 0;
  WORD_UNIT.lastIndex = 0;
  while (WORD_UNIT.exec(text) !== null) count++;
  return count;
}

/** Cuts text into pieces of at most `budgetWords` words at word boundaries (the last resort for huge sentences). */
export function splitAtWords(text: string, budgetWords: number): string[] {
  const starts: number[] = [];
  for (const match of text.matchAll(WORD_UNIT)) starts.push(match.index);
  const pieces: string[] = [];
  for (let first = 0; first < starts.length; first += budgetWords) {
    const piece = text.slice(starts[first], starts[first + budgetWords] ?? text.length).trim();
    if (piece !== '') pieces.push(piece);
  }
  return pieces;
}

/** A fixed word list written as one space-separated string, for membership tests. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(' '));
}
