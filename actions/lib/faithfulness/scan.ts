// The lexical pass of the faithfulness tokenizer: where words, numerals and a few symbols are. Hand-written rather
// than a Unicode regex because it runs over whole source documents on every evaluation case (about four times
// faster); characters outside ASCII are classified by Unicode property once each and cached.

const CharClass = {
  Separator: 1,
  Letter: 2,
  Digit: 3,
  /** Han and Kana: written without spaces, so each character is a word. */
  Unspaced: 4,
} as const;
type CharClass = (typeof CharClass)[keyof typeof CharClass];

export const RawKind = {
  Word: 1,
  /** Starts with a digit: "12,000", "1.2", "70th", "1.2m". */
  Numeral: 2,
  Percent: 3,
  /** "n't", split from "don't" or written apart as in tokenized text ("do n't"). */
  Not: 4,
  Unspaced: 5,
} as const;
export type RawKind = (typeof RawKind)[keyof typeof RawKind];

/** One token found by {@link nextToken} (start and end are UTF-16 offsets; end exclusive). */
export interface ScannedToken {
  start: number;
  end: number;
  kind: RawKind;
  /** Only ASCII characters: no Unicode normalization needed. */
  ascii: boolean;
  /** For ASCII words, the FNV-1a hash of the lowercased characters (computed while scanning); else 0. */
  hash: number;
}

export const newScannedToken = (): ScannedToken => ({ start: 0, end: 0, kind: 1, ascii: true, hash: 0 });

const DIGIT = /^\p{Nd}$/u;
const UNSPACED =
  /^(?=[\p{L}\p{N}])[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function classify(char: string): CharClass {
  if (DIGIT.test(char)) return CharClass.Digit;
  if (UNSPACED.test(char)) return CharClass.Unspaced;
  return WORD_CHAR.test(char) ? CharClass.Letter : CharClass.Separator;
}

// 0: not classified yet.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, CharClass>();
const ASTRAL_CACHE_LIMIT = 10_000;

/** The class of the character at `i`; `width` tells how many UTF-16 units it takes. */
function classAt(text: string, i: number): CharClass {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) {
    const cached = bmpClasses[code]!;
    if (cached !== 0) return cached as CharClass;
    const computed = classify(text[i]!);
    bmpClasses[code] = computed;
    return computed;
  }
  const point = text.codePointAt(i)!;
  let cached = astralClasses.get(point);
  if (cached === undefined) {
    cached = point > 0xffff ? classify(String.fromCodePoint(point)) : CharClass.Separator;
    if (astralClasses.size >= ASTRAL_CACHE_LIMIT) astralClasses.clear();
    astralClasses.set(point, cached);
  }
  return cached;
}

const widthAt = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
};

const isWordClass = (c: CharClass): boolean => c === CharClass.Letter || c === CharClass.Digit;

// A numeral's letter suffix, kept in the numeral: ordinals ("70th") and scale abbreviations ("1.2m", "3bn", "40k").
const NUMERAL_SUFFIX = /^(?:st|nd|rd|th|k|m|mn|bn|tn)$/i;

function numeralEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && classAt(text, i) === CharClass.Digit) i += widthAt(text, i);
    const separator = text.charCodeAt(i);
    if (
      (separator === 46 || separator === 44) &&
      i + 1 < text.length &&
      classAt(text, i + 1) === CharClass.Digit
    )
      i++;
    else break;
  }
  let j = i;
  while (j < text.length && j - i < 3 && /[a-z]/i.test(text[j]!)) j++;
  const bounded = j >= text.length || !isWordClass(classAt(text, j));
  return j > i && bounded && NUMERAL_SUFFIX.test(text.slice(i, j)) ? j : i;
}

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
export const HASH_MASK = 0x3fffffff;
const ASCII_WORD_CHAR = Array.from({ length: 128 }, (_, code) =>
  /[A-Za-z0-9]/.test(String.fromCharCode(code)),
);
const ASCII_CLASS = Array.from({ length: 128 }, (_, code) => classify(String.fromCharCode(code)));

/** Whether the character at `i` (a UTF-16 index; the low half of a pair counts as the pair) continues a word. */
export function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  const at = code >= 0xdc00 && code <= 0xdfff && i > 0 ? i - 1 : i;
  return isWordClass(at === i && code < 128 ? ASCII_CLASS[code]! : classAt(text, at));
}

const isApostrophe = (code: number): boolean => code === 39 || code === 0x2019;

/**
 * Finds the first token at or after `from` and writes it into `out` (no allocation: this runs once per word of every
 * source); false when the text has none left.
 */
export function nextToken(text: string, from: number, out: ScannedToken): boolean {
  for (let i = from; i < text.length;) {
    const code = text.charCodeAt(i);
    const charClass = code < 128 ? ASCII_CLASS[code]! : classAt(text, i);
    if (charClass === CharClass.Separator) {
      if (code === 37) return found(out, i, i + 1, RawKind.Percent, true, 0);
      i += widthAt(text, i);
    } else if (charClass === CharClass.Unspaced) {
      return found(out, i, i + widthAt(text, i), RawKind.Unspaced, false, 0);
    } else if (charClass === CharClass.Digit) {
      return found(out, i, numeralEnd(text, i), RawKind.Numeral, false, 0);
    } else return word(text, i, out);
  }
  return false;
}

function found(
  out: ScannedToken,
  start: number,
  end: number,
  kind: RawKind,
  ascii: boolean,
  hash: number,
): true {
  out.start = start;
  out.end = end;
  out.kind = kind;
  out.ascii = ascii;
  // 30 bits: a small integer to V8 (a full 32-bit value would be boxed on the heap for every token).
  out.hash = hash & HASH_MASK;
  return true;
}

/** A word from `start`; "n't" is a token of its own ("do" + "n't"). */
function word(text: string, start: number, out: ScannedToken): true {
  let ascii = true;
  let hash = FNV_OFFSET;
  let previousHash = hash;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (!ASCII_WORD_CHAR[code]) break;
      previousHash = hash;
      hash = Math.imul(hash ^ (code >= 65 && code <= 90 ? code + 32 : code), FNV_PRIME);
    } else {
      if (!isWordClass(classAt(text, i))) break;
      ascii = false;
      i += widthAt(text, i) - 1;
    }
  }
  const negation =
    isApostrophe(text.charCodeAt(i)) &&
    (text[i + 1] === 't' || text[i + 1] === 'T') &&
    (i + 2 >= text.length || !isWordClass(classAt(text, i + 2))) &&
    (text[i - 1] === 'n' || text[i - 1] === 'N');
  if (!negation) return found(out, start, i, RawKind.Word, ascii, ascii ? hash : 0);
  if (i - 1 > start) return found(out, start, i - 1, RawKind.Word, ascii, ascii ? previousHash : 0);
  return found(out, start, i + 2, RawKind.Not, true, 0);
}
