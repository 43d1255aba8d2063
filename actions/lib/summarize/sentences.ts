import { wordSet } from '#lib/text/words';
import { hasRootSentenceRules, knownSentenceSegments } from './sentence-breaks';

/**
 * Sentence segmentation: ICU's sentence rules (`Intl.Segmenter`) plus corrections for the places where they split
 * too eagerly (abbreviations, initials, acronyms, quotes followed by "he said") or not at all (a period glued to the
 * next sentence, as in scraped text like "season.Scotland").
 */

const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      // An invalid BCP 47 tag from a web page must not stop summarization; the root rules work for most scripts.
      segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

/** Words that, followed by a period, never end a sentence in running text. */
export const TITLES = wordSet(
  'mr mrs ms messrs dr prof st mt ft gen sen rep gov lt col capt cpt sgt cmdr adm maj rev hon pres ' +
    'supt insp det vs v mme mlle mgr hr fr nr bzw vgl ca approx dept univ inc corp ltd co bros',
);

/** Abbreviations that take a number next ("Jan. 5", "No. 10", "p. 4"). */
const BEFORE_NUMBER = wordSet(
  'jan feb mar apr jun jul aug sep sept oct nov dec no nos p pp vol fig figs ch art sec nr ca approx',
);

/** Words that usually open a sentence: after "U.S." they mean the acronym ended the sentence. */
const SENTENCE_OPENERS = wordSet(
  'the a an he she it they we i you this that these those there his her their our its my but and so ' +
    'yet in on at after before when while however meanwhile if as for to what who why how some many ' +
    'most one no both all last now then later earlier officials police',
);

const LOWERCASE_START = /^["'“‘([]*\p{Ll}/u;
const DIGIT_START = /^["'“‘([]*\p{Nd}/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
const LAST_WORD_BEFORE_PERIOD = /(?:^|[\s(["'“‘])([\p{L}\p{N}.'’-]*?)\.["'”’)]*$/u;
const FIRST_WORD = /^["'“‘([]*([\p{L}\p{N}]+)/u;
const TERMINAL = /[.!?…。！？．;:]["'”’)\]]*$/u;
// A sentence end with no space after it: two lowercase letters, terminal punctuation, then a capitalized word.
const GLUED_BOUNDARY = /(\p{Ll}{2}[.!?]["'”’)]?)(?=\p{Lu}\p{Ll})/gu;

/**
 * The end of a growing sentence or line, for the regexes anchored at `$`: testing the whole string each time a
 * piece is appended made merging n pieces O(n²).
 */
function tail(text: string): string {
  return text.length > 256 ? text.slice(-256) : text;
}

/**
 * The longest sentence kept whole. Real sentences rarely pass 300 characters; longer "sentences" are lists, tables
 * or text without punctuation, and a 3 MB line with no spaces must not become a 3 MB summary. Longer ones are cut
 * at a clause or word break; a run of hundreds of characters with no break at all is not prose and is skipped.
 */
export const MAX_SENTENCE_CHARS = 600;

function pushCapped(sentence: string, out: string[]): void {
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const head = rest.slice(0, MAX_SENTENCE_CHARS + 1);
    let cut = Math.max(head.lastIndexOf('; '), head.lastIndexOf(', ')) + 1;
    if (cut < MAX_SENTENCE_CHARS / 2) cut = head.search(/\s\S*$/);
    if (cut <= 0) {
      // Hundreds of characters without a space: not prose (a hash, base64, a minified blob). Skip the run.
      const space = rest.search(/\s/);
      rest = space < 0 ? '' : rest.slice(space).trim();
      continue;
    }
    const piece = rest.slice(0, cut).trim();
    if (piece !== '') out.push(piece);
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') out.push(rest);
}

/**
 * Not a sentence worth picking: fewer than three words with letters in them (a heading such as "Results", a
 * number such as "1.2.", a byline) or no letters at all.
 */
export function isSentenceFragment(sentence: string): boolean {
  let words = 0;
  for (const word of sentence.split(/\s+/)) if (/\p{L}/u.test(word) && ++words >= 3) return false;
  return true;
}

function startsWithOpener(text: string): boolean {
  const word = FIRST_WORD.exec(text)?.[1];
  return word !== undefined && SENTENCE_OPENERS.has(word.toLowerCase());
}

/** Whether the segmenter's break between `previous` and `next` is a false sentence boundary. */
function isFalseBoundary(lastPiece: string, next: string, lang: string): boolean {
  const previous = tail(lastPiece);
  if (!HAS_WORD.test(next)) return true;
  if (LOWERCASE_START.test(next)) return true;
  if (!previous.endsWith('.') && !/\.["'”’)]+$/u.test(previous)) return false;
  const word = LAST_WORD_BEFORE_PERIOD.exec(previous)?.[1];
  if (word === undefined || word === '') return false;
  if (word.endsWith('.') && previous.endsWith('..')) return false; // an ellipsis followed by a capital ends it
  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return true;
  if (DIGIT_START.test(next) && BEFORE_NUMBER.has(lower)) return true;
  // Initials ("J. K. Rowling"), the German "z. B.", and dotted acronyms ("U.S.", "p.m.") unless a usual sentence
  // opener follows.
  if (/^\p{L}$/u.test(word)) return !startsWithOpener(next);
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return !startsWithOpener(next);
  // German ordinals: "am 3. Mai".
  if (lang.toLowerCase().startsWith('de') && /^\d{1,2}$/u.test(word) && /^\p{L}/u.test(next)) return true;
  return false;
}

/**
 * Lines inside a paragraph: a single line break is a boundary (lists, headings), unless the line clearly continues
 * (no terminal punctuation and the next line starts in lowercase), as in hard-wrapped text.
 */
function paragraphLines(paragraph: string): string[] {
  const lines: string[][] = [];
  // The last raw line joined: whether the joined line ends a sentence is decided by its end alone.
  let lastPart = '';
  for (const raw of paragraph.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const previous = lines[lines.length - 1];
    if (previous !== undefined && !TERMINAL.test(tail(lastPart)) && LOWERCASE_START.test(line))
      previous.push(line);
    else lines.push([line]);
    lastPart = line;
  }
  return lines.map((parts) => parts.join(' '));
}

/**
 * How much text a process segments without ICU (sentence-breaks.ts) before it makes its first Intl.Segmenter. That
 * costs ~7 ms once, more than a short page's whole summary, which is why a CLI run on a page or two never needs one;
 * but once made, ICU segments faster, and the regular expressions after it run ~2× faster on the strings it makes
 * (copies) than on substrings of the line, so a batch (an evaluation, the digest) moves over to it after this much.
 */
const WITHOUT_ICU_CHARS = 100_000;
let segmentedWithoutIcu = 0;

/** ICU's sentences of `text`; the same without ICU when sentence-breaks.ts knows every character (most text). */
function icuSegments(text: string, lang: string): Iterable<string> {
  if (segmentedWithoutIcu < WITHOUT_ICU_CHARS && !segmenters.has(lang) && hasRootSentenceRules(lang)) {
    const known = knownSentenceSegments(text);
    if (known !== undefined) {
      segmentedWithoutIcu += text.length;
      return known;
    }
  }
  return Array.from(sentenceSegmenter(lang).segment(text), ({ segment }) => segment);
}

function segmentLine(line: string, lang: string, out: string[]): void {
  const text = line.replace(GLUED_BOUNDARY, '$1 ');
  // The pieces of the sentence being built, joined once at its end (appending to one string and testing it each
  // time flattened it every step: O(n²) on a long run of false boundaries). The boundary test needs only the last
  // piece, which holds the word before the period.
  let pending: string[] = [];
  for (const segment of icuSegments(text, lang)) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    const last = pending[pending.length - 1];
    if (last !== undefined && isFalseBoundary(last, sentence, lang)) {
      pending.push(sentence);
    } else {
      if (pending.length > 0) pushCapped(pending.join(' '), out);
      pending = [sentence];
    }
  }
  if (pending.length > 0) pushCapped(pending.join(' '), out);
}

/** Splits text into sentences; blank lines always end a sentence. `lang` is a BCP 47 tag (default English rules). */
export function splitSentences(text: string, lang = 'en'): string[] {
  const sentences: string[] = [];
  for (const paragraph of splitParagraphs(text)) {
    for (const line of paragraphLines(paragraph)) segmentLine(line, lang, sentences);
  }
  return sentences;
}

/** Paragraphs are separated by one or more blank lines (whitespace-only lines count as blank). */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}
