import { stemWord } from '#lib/text/stem';
import { lex, lowerOf, numberAt } from './lexer';
import type { Lexed } from './lexer';
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
  isNumber: boolean;
  /** A number or a word that is not a function word: what a source has to support. */
  content: boolean;
}

/** The tokens starting in `lexed.text[from, to)`. */
function tokenList(lexed: Lexed, from: number, to: number): TokenList {
  const token = newScannedToken();
  const out: TokenList = { start: [], end: [], lower: [], value: [] };
  for (let position = from; nextToken(lexed.text, position, token) && token.start < to;) {
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

/**
 * The tokens of a text as objects: summary sentences, and (`from`, `to`) the few sentences of a source that a summary
 * sentence is compared with, lowercased as the whole source is (a source is otherwise only scanned, see
 * source-scan.ts). Offsets are into the whole text.
 */
export function tokenize(text: string | Lexed, from = 0, to = Infinity): Token[] {
  const list = tokenList(typeof text === 'string' ? lex(text) : text, from, to);
  return list.start.map((start, k) => {
    const lower = list.lower[k]!;
    const value = list.value[k]!;
    const isNumber = !Number.isNaN(value);
    return {
      start,
      end: list.end[k]!,
      lower,
      key: isNumber ? valueKey(value) : stemWord(lower),
      isNumber,
      content: isNumber || isContentWord(lower),
    };
  });
}
