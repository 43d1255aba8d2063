import { stemmer } from 'stemmer';
import { lex, lowerAt, numberAt } from './lexer';
import { valueKey } from './numbers';
import { isContentWord } from './stopwords';

/**
 * The tokens of a text as parallel arrays: numbers merged into one token each ("1.2 million", "twenty-five"),
 * "%", "percent" and "per cent" as one word, "n't" as "not". `lower` is the lowercased (NFKC) surface form; `value`
 * is a number's value (NaN for words).
 */
export interface TokenList {
  start: number[];
  end: number[];
  lower: string[];
  value: number[];
}

/** One token with the form it is compared by. */
export interface Token {
  start: number;
  end: number;
  lower: string;
  /** The Porter stem of an English word, a number's canonical value. */
  key: string;
  isNumber: boolean;
  /** A number or a word that is not a function word: what a source has to support. */
  content: boolean;
}

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

export function tokenList(text: string): TokenList {
  const lexed = lex(text);
  const { raw, lowerText } = lexed;
  const out: TokenList = { start: [], end: [], lower: [], value: [] };
  for (let k = 0; k < raw.start.length; k++) {
    const start = raw.start[k]!;
    const lower = lowerAt(lexed, k);
    const number = numberAt(lexed, k, lower);
    const last = out.lower.length - 1;
    if (number !== undefined) {
      k = number.last;
      out.start.push(start);
      out.end.push(raw.end[k]!);
      out.lower.push(lowerText.slice(start, raw.end[k]));
      out.value.push(number.value);
    } else if (lower === 'cent' && out.lower[last] === 'per' && out.end[last] === start - 1) {
      // "per cent" is one word, as "percent" and "%" are.
      out.end[last] = raw.end[k]!;
      out.lower[last] = 'percent';
    } else {
      out.start.push(start);
      out.end.push(raw.end[k]!);
      out.lower.push(lower);
      out.value.push(Number.NaN);
    }
  }
  return out;
}

/** The tokens of a text as objects, for summary sentences (short); sources use {@link tokenList} directly. */
export function tokenize(text: string): Token[] {
  const list = tokenList(text);
  return list.start.map((start, k) => {
    const lower = list.lower[k]!;
    const value = list.value[k]!;
    const isNumber = !Number.isNaN(value);
    return {
      start,
      end: list.end[k]!,
      lower,
      key: isNumber ? valueKey(value) : wordKey(lower),
      isNumber,
      content: isNumber || isContentWord(lower),
    };
  });
}
