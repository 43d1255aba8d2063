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

/** Tokens as parallel arrays (start and end are UTF-16 offsets; end exclusive). */
export interface RawTokens {
  start: number[];
  end: number[];
  kind: RawKind[];
  /** Only ASCII characters: no Unicode normalization needed. */
  ascii: boolean[];
}

const DIGIT = /^\p{Nd}$/u;
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function classify(char: string): CharClass {
  if (DIGIT.test(char)) return CharClass.Digit;
  if (UNSPACED.test(char)) return CharClass.Unspaced;
  return WORD_CHAR.test(char) ? CharClass.Letter : CharClass.Separator;
}

// 0: not classified yet.
const bmpClasses = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) bmpClasses[code] = classify(String.fromCharCode(code));
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

const isApostrophe = (code: number): boolean => code === 39 || code === 0x2019;

/** Scans `text` once, left to right. */
export function scanTokens(text: string): RawTokens {
  const out: RawTokens = { start: [], end: [], kind: [], ascii: [] };
  const emit = (start: number, end: number, kind: RawKind, ascii = false) => {
    out.start.push(start);
    out.end.push(end);
    out.kind.push(kind);
    out.ascii.push(ascii);
  };
  for (let i = 0; i < text.length;) {
    const charClass = classAt(text, i);
    if (charClass === CharClass.Separator) {
      if (text.charCodeAt(i) === 37) emit(i, i + 1, RawKind.Percent, true);
      i += widthAt(text, i);
    } else if (charClass === CharClass.Unspaced) {
      const width = widthAt(text, i);
      emit(i, i + width, RawKind.Unspaced);
      i += width;
    } else if (charClass === CharClass.Digit) {
      const end = numeralEnd(text, i);
      emit(i, end, RawKind.Numeral);
      i = end;
    } else {
      const start = i;
      let ascii = true;
      while (i < text.length && isWordClass(classAt(text, i))) {
        if (text.charCodeAt(i) >= 128) ascii = false;
        i += widthAt(text, i);
      }
      const negation =
        isApostrophe(text.charCodeAt(i)) &&
        (text[i + 1] === 't' || text[i + 1] === 'T') &&
        (i + 2 >= text.length || !isWordClass(classAt(text, i + 2))) &&
        (text[i - 1] === 'n' || text[i - 1] === 'N');
      if (negation) {
        if (i - 1 > start) emit(start, i - 1, RawKind.Word, ascii);
        emit(i - 1, i + 2, RawKind.Not);
        i += 2;
      } else emit(start, i, RawKind.Word, ascii);
    }
  }
  return out;
}
