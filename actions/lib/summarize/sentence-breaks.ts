// Sentence boundaries without ICU, for text whose every character is in a small known alphabet. Creating the first
// Intl.Segmenter of a process costs ~7 ms (ICU's locale and break-rule data), more than summarizing a short page;
// the CLI pays it on every run (scripts/bench-cli.ts). ICU's sentence rules are those of Unicode's UAX #29
// (https://www.unicode.org/reports/tr29/#Sentence_Boundary_Rules), which are short once the alphabet is: this file
// applies them to ASCII, Latin letters, the common quotes, dashes and spaces, and says "don't know" (undefined) for
// anything else, which then goes to ICU. test/unit/summarize/sentence-breaks.test.ts compares both on random and
// real text, for every language listed below.

const enum Sb {
  Other,
  Sp,
  Lower,
  Upper,
  Numeric,
  ATerm,
  STerm,
  Close,
  SContinue,
}

/** Sentence_Break values (SentenceBreakProperty.txt) of the characters this file knows. */
const CLASSES = (() => {
  const table = new Map<number, Sb>();
  const put = (sb: Sb, chars: string): void => {
    for (const char of chars) table.set(char.codePointAt(0) as number, sb);
  };
  for (let code = 0x20; code < 0x7f; code++) table.set(code, Sb.Other);
  put(Sb.Other, '\u00a1\u00a3\u00a7\u00a9\u00b0\u00b7\u00bf\u2010\u2011\u2022\u2026\u20ac');
  put(Sb.Sp, ' \t\v\f\u00a0');
  put(Sb.Numeric, '0123456789');
  put(Sb.ATerm, '.');
  put(Sb.STerm, '!?');
  put(Sb.Close, '"\'()[]{}\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f');
  // The semicolon has been SContinue since Unicode 15.1.
  put(Sb.SContinue, ',-:;\u2013\u2014');
  for (let code = 0x41; code <= 0x5a; code++) table.set(code, Sb.Upper);
  for (let code = 0x61; code <= 0x7a; code++) table.set(code, Sb.Lower);
  // Latin-1 Supplement and Latin Extended-A/B letters: Lower is Lowercase=Yes, Upper is Uppercase=Yes or titlecase.
  for (let code = 0xc0; code <= 0x24f; code++) {
    const char = String.fromCharCode(code);
    if (/\p{Lowercase}/u.test(char)) table.set(code, Sb.Lower);
    else if (/\p{Uppercase}|\p{Lt}/u.test(char)) table.set(code, Sb.Upper);
  }
  return table;
})();

/**
 * Languages whose ICU sentence rules are the root ones (Greek, for one, is not: its question mark is ";"). An
 * unlisted language, or a tag with more than language, script and region, goes to ICU.
 */
const ROOT_RULES = new Set(
  (
    'en de fr es it pt nl ru ja zh ko fi sv pl tr ar he hi ca cs da hu ro sk uk vi th id ms nb bg hr sr sl lt ' +
    'lv et ga cy eu gl is mt sq mk fa ur bn ta te ml kn mr gu pa si my km lo am ka hy az kk uz mn ne sw zu xh ' +
    'af fil yue und'
  ).split(' '),
);
const SIMPLE_TAG = /^([a-z]{2,3})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?$/i;

export function hasRootSentenceRules(lang: string): boolean {
  const language = SIMPLE_TAG.exec(lang)?.[1]?.toLowerCase();
  return language !== undefined && ROOT_RULES.has(language);
}

/**
 * The sentences of `text` (each with its trailing spaces, as Intl.Segmenter gives them), or undefined when a
 * character is outside the known alphabet. One pass forward and one back: linear whatever the text.
 */
export function knownSentenceSegments(text: string): string[] | undefined {
  const n = text.length;
  const sb = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = CLASSES.get(text.charCodeAt(i));
    if (value === undefined) return undefined;
    sb[i] = value;
  }
  // For SB8: whether the first letter or terminator at or after each position is a lowercase letter.
  const lowerNext = new Uint8Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const value = sb[i] as Sb;
    const decisive = value === Sb.Lower || value === Sb.Upper || value === Sb.ATerm || value === Sb.STerm;
    lowerNext[i] = decisive ? (value === Sb.Lower ? 1 : 0) : (lowerNext[i + 1] as number);
  }
  const segments: string[] = [];
  let start = 0;
  // The run "SATerm Close* Sp*" that ends at the previous character, if any: its terminator and whether it has Sp.
  let term: Sb | undefined;
  let spaced = false;
  for (let i = 0; i < n; i++) {
    const current = sb[i] as Sb;
    if (i > 0 && isBreak(sb, i, current, term, spaced, lowerNext[i] === 1)) {
      segments.push(text.slice(start, i));
      start = i;
    }
    if (current === Sb.ATerm || current === Sb.STerm) {
      term = current;
      spaced = false;
    } else if (current === Sb.Close && term !== undefined && !spaced) {
      // Close* comes before Sp* in the run.
    } else if (current === Sb.Sp && term !== undefined) {
      spaced = true;
    } else {
      term = undefined;
    }
  }
  if (n > 0) segments.push(text.slice(start));
  return segments;
}

/** UAX #29 SB6-SB11 at the boundary before position i (no CR, LF, Sep, Extend, Format or OLetter here). */
function isBreak(
  sb: Uint8Array,
  i: number,
  current: Sb,
  term: Sb | undefined,
  spaced: boolean,
  lowerAhead: boolean,
): boolean {
  const previous = sb[i - 1] as Sb;
  if (previous === Sb.ATerm && current === Sb.Numeric) return false; // SB6
  const beforeTerm = i >= 2 ? (sb[i - 2] as Sb) : undefined;
  if (previous === Sb.ATerm && current === Sb.Upper && (beforeTerm === Sb.Upper || beforeTerm === Sb.Lower))
    return false; // SB7
  if (term === undefined) return false; // SB998
  if (term === Sb.ATerm && lowerAhead) return false; // SB8
  if (current === Sb.SContinue || current === Sb.ATerm || current === Sb.STerm) return false; // SB8a
  if (!spaced && current === Sb.Close) return false; // SB9
  if (current === Sb.Sp) return false; // SB9, SB10
  return true; // SB11
}
