import { wordSet } from '#lib/text/words';
import type { Token } from './tokens';

export type UnsupportedKind = 'name' | 'number' | 'date' | 'word' | 'phrase';

/** A piece of a summary sentence the source does not support. Offsets are UTF-16 indices into the sentence's text. */
export interface UnsupportedSpan {
  text: string;
  start: number;
  end: number;
  kind: UnsupportedKind;
}

const DATE_WORDS = wordSet(
  'january february march april june july august september october november december jan feb mar apr jun jul ' +
    'aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday',
);
const YEAR = /^(?:1[89]|20)\d\d$/;
// Tokens of one span may be separated by spaces, hyphens or an apostrophe ("Jean-Luc", "O’Brien") or nothing (Han).
const JOINER = /^[\s'’‐-]{0,3}$/u;
const UPPER_START = /^\p{Lu}/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

function kindOf(tokens: readonly Token[], text: string): UnsupportedKind {
  const surface = tokens.map((token) => text.slice(token.start, token.end));
  if (tokens.some((token) => DATE_WORDS.has(token.lower) || (token.isNumber && YEAR.test(token.lower))))
    return 'date';
  if (tokens.some((token) => token.isNumber)) return 'number';
  // A capital inside a sentence marks a name; at its start only an acronym or a run of capitalized words does.
  const capitalized = surface.every((word) => UPPER_START.test(word));
  const atStart = text.slice(0, tokens[0]!.start).trim() === '';
  if (capitalized && (!atStart || tokens.length > 1 || ACRONYM.test(surface[0]!))) return 'name';
  return tokens.length > 1 ? 'phrase' : 'word';
}

type Group = 'capitalized' | 'lowercase' | 'numeric';

function groupOf(token: Token, text: string): Group {
  if (token.isNumber || DATE_WORDS.has(token.lower)) return 'numeric';
  return UPPER_START.test(text.slice(token.start, token.end)) ? 'capitalized' : 'lowercase';
}

/**
 * Unsupported tokens as spans, in text order. Adjacent ones of a kind merge: the words of a name ("Jeremy Clarkson"),
 * of a date ("4 March 2019"), of an invented phrase ("tumbled headlong"); "Hamburg paid 99" stays three spans.
 */
export function unsupportedSpans(text: string, tokens: readonly Token[]): UnsupportedSpan[] {
  const spans: UnsupportedSpan[] = [];
  let group: Token[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const start = group[0]!.start;
    const end = group[group.length - 1]!.end;
    spans.push({ text: text.slice(start, end), start, end, kind: kindOf(group, text) });
    group = [];
  };
  for (const token of tokens) {
    const last = group[group.length - 1];
    if (
      last !== undefined &&
      (!JOINER.test(text.slice(last.end, token.start)) || groupOf(last, text) !== groupOf(token, text))
    )
      flush();
    group.push(token);
  }
  flush();
  return spans;
}
