import { stemmer } from 'stemmer';

/** One word or number of a text, with where it stands (UTF-16 offsets) and the forms it is compared by. */
export interface Token {
  start: number;
  end: number;
  /** Lowercased (NFKC) surface form. */
  lower: string;
  /** The form compared with the source: the Porter stem of an English word, the number's canonical value. */
  key: string;
  isNumber: boolean;
  /** Starts with an uppercase letter. */
  capitalized: boolean;
}

// A number keeps its decimal point and thousands separators ("1.2", "12,000"); a word is a run of letters, marks and
// digits. Han and Kana characters are one token each: those scripts don't put spaces between words.
const TOKEN =
  /\p{Nd}+(?:[.,]\p{Nd}+)*|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+/gu;
const ASCII_WORD = /^[a-z]+$/;
const UPPER_START = /^\p{Lu}/u;

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    // The Porter rules are English-only; other words are compared as written.
    stemmed = ASCII_WORD.test(word) ? stemmer(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** "12,000" and "12000" are the same number; "1.50" and "1.5" too. */
function numberKey(text: string): string {
  const plain = text.replace(/,(?=\d{3}(?:\D|$))/g, '');
  return /^\d+\.\d+$/.test(plain) ? String(Number(plain)) : plain.replace(/^0+(?=\d)/, '');
}

/** The words and numbers of `text`, in order. Linear in the text's length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const lower = raw.normalize('NFKC').toLowerCase();
    const isNumber = /^\p{Nd}/u.test(raw) && /^[\p{Nd}.,]+$/u.test(raw);
    tokens.push({
      start: match.index,
      end: match.index + raw.length,
      lower,
      key: isNumber ? numberKey(lower) : stem(lower),
      isNumber,
      capitalized: UPPER_START.test(raw),
    });
  }
  return tokens;
}
