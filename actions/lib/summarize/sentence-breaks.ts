// Sentence boundaries without ICU, for text whose every character is in a small known alphabet. Creating the first
// Intl.Segmenter of a process costs ~7 ms (ICU's locale and break-rule data), more than summarizing a short page;
// the CLI pays it on every run (scripts/bench/bench-cli.ts). ICU's sentence rules are those of Unicode's UAX #29
// (https://www.unicode.org/reports/tr29/#Sentence_Boundary_Rules), which are short once the alphabet is: this file
// applies them to ASCII, Latin letters, the common quotes, dashes and spaces, and says "don't know" (undefined) for
// anything else, which then goes to ICU. test/unit/summarize/sentence-breaks.test.ts compares both on random and
// real text, for every language listed below.

// Sentence_Break values (SentenceBreakProperty.txt), as small numbers in a table indexed by UTF-16 code unit.
const OTHER = 0;
const SP = 1;
const LOWER = 2;
const UPPER = 3;
const NUMERIC = 4;
const ATERM = 5;
const STERM = 6;
const CLOSE = 7;
const SCONTINUE = 8;
/** A character this file does not know: the text goes to ICU. */
const UNKNOWN = 255;
/** No "SATerm Close* Sp*" run is open. */
const NONE = 254;

/** The class of each code unit below U+2100 that this file knows; UNKNOWN for the rest. */
const CLASSES = (() => {
  const table = new Uint8Array(0x2100).fill(UNKNOWN);
  const put = (value: number, chars: string): void => {
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = value;
  };
  table.fill(OTHER, 0x20, 0x7f);
  put(OTHER, '\u00a1\u00a3\u00a7\u00a9\u00b0\u00b7\u00bf\u2010\u2011\u2022\u2026\u20ac');
  put(SP, ' \t\v\f\u00a0');
  put(NUMERIC, '0123456789');
  put(ATERM, '.');
  put(STERM, '!?');
  put(CLOSE, '"\'()[]{}\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f');
  // The semicolon has been SContinue since Unicode 15.1.
  put(SCONTINUE, ',-:;\u2013\u2014');
  table.fill(UPPER, 0x41, 0x5b);
  table.fill(LOWER, 0x61, 0x7b);
  // Latin-1 Supplement and Latin Extended-A/B letters: Lower is Lowercase=Yes, Upper is Uppercase=Yes or titlecase.
  for (let code = 0xc0; code <= 0x24f; code++) {
    const char = String.fromCharCode(code);
    if (/\p{Lowercase}/u.test(char)) table[code] = LOWER;
    else if (/\p{Uppercase}|\p{Lt}/u.test(char)) table[code] = UPPER;
  }
  return table;
})();

function classOf(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code < CLASSES.length ? (CLASSES[code] as number) : UNKNOWN;
}

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
 * character is outside the known alphabet. One pass, linear whatever the text (SB8's look ahead stops at the next
 * letter or terminator, where the next run would start).
 */
export function knownSentenceSegments(text: string): string[] | undefined {
  const segments: string[] = [];
  let start = 0;
  let previous = NONE;
  let beforePrevious = NONE;
  // The run "SATerm Close* Sp*" that ends at the previous character, if any: its terminator and whether it has Sp.
  let term = NONE;
  let spaced = false;
  for (let i = 0; i < text.length; i++) {
    const current = classOf(text, i);
    if (current === UNKNOWN) return undefined;
    if (i > 0 && isBreak(text, i, current, previous, beforePrevious, term, spaced)) {
      segments.push(text.slice(start, i));
      start = i;
    }
    if (current === ATERM || current === STERM) {
      term = current;
      spaced = false;
    } else if (current === SP && term !== NONE) {
      spaced = true;
    } else if (current !== CLOSE || spaced) {
      // Close* comes before Sp* in the run; anything else ends it.
      term = NONE;
    }
    beforePrevious = previous;
    previous = current;
  }
  if (text.length > 0) segments.push(text.slice(start));
  return segments;
}

/** UAX #29 SB6-SB11 at the boundary before position i (no CR, LF, Sep, Extend, Format or OLetter here). */
function isBreak(
  text: string,
  i: number,
  current: number,
  previous: number,
  beforePrevious: number,
  term: number,
  spaced: boolean,
): boolean {
  if (previous === ATERM && current === NUMERIC) return false; // SB6
  if (previous === ATERM && current === UPPER && (beforePrevious === UPPER || beforePrevious === LOWER))
    return false; // SB7
  if (term === NONE) return false; // SB998
  if (current === SCONTINUE || current === ATERM || current === STERM) return false; // SB8a
  if (current === SP || (!spaced && current === CLOSE)) return false; // SB9, SB10
  if (term === ATERM && lowerComesFirst(text, i)) return false; // SB8
  return true; // SB11
}

/** SB8: whether, from position i on, the first letter or terminator is a lowercase letter. */
function lowerComesFirst(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const value = classOf(text, i);
    if (value === LOWER) return true;
    if (value === UPPER || value === ATERM || value === STERM || value === UNKNOWN) return false;
  }
  return false;
}
