import { asciiWordKey, knownKey } from './interner';
import type { IndexedKey } from './interner';
import { stemWord } from '#lib/text/stem';
import { lex, lowerOf, numberAt } from './lexer';
import { newScannedToken, nextToken } from './scan';
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
  /** The key's index in the interner's shared table; -1 when no source has it. For that table only. */
  keyIndex: number;
  isNumber: boolean;
  /** A number or a word that is not a function word: what a source has to support. */
  content: boolean;
}

const PLAIN_WORD = /^[a-z0-9]+$/;

function tokenList(text: string): TokenList {
  const lexed = lex(text);
  const token = newScannedToken();
  const out: TokenList = { start: [], end: [], lower: [], value: [] };
  for (let position = 0; nextToken(text, position, token);) {
    const { start } = token;
    const lower = lowerOf(lexed, token);
    const number = numberAt(lexed, token, lower);
    const last = out.lower.length - 1;
    position = number?.end ?? token.end;
    if (number !== undefined) {
      out.start.push(start);
      out.end.push(number.end);
      out.lower.push(lexed.lowerText.slice(start, number.end));
      out.value.push(number.value);
    } else if (lower === 'cent' && out.lower[last] === 'per' && out.end[last] === start - 1) {
      // "per cent" is one word, as "percent" and "%" are.
      out.end[last] = token.end;
      out.lower[last] = 'percent';
    } else {
      out.start.push(start);
      out.end.push(token.end);
      out.lower.push(lower);
      out.value.push(Number.NaN);
    }
  }
  return out;
}

/** The tokens of a text as objects, for summary sentences (short); sources go through the interner instead. */
export function tokenize(text: string): Token[] {
  const list = tokenList(text);
  return list.start.map((start, k) => {
    const lower = list.lower[k]!;
    const value = list.value[k]!;
    const isNumber = !Number.isNaN(value);
    const { key, keyIndex }: IndexedKey = isNumber
      ? knownKey(valueKey(value))
      : PLAIN_WORD.test(lower)
        ? asciiWordKey(lower)
        : knownKey(stemWord(lower));
    return {
      start,
      end: list.end[k]!,
      lower,
      key,
      keyIndex,
      isNumber,
      content: isNumber || isContentWord(lower),
    };
  });
}
