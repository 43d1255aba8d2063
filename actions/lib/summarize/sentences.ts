import { wordSet } from '#lib/text/words';

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
const TITLES = wordSet(
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

function startsWithOpener(text: string): boolean {
  const word = FIRST_WORD.exec(text)?.[1];
  return word !== undefined && SENTENCE_OPENERS.has(word.toLowerCase());
}

/** Whether the segmenter's break between `previous` and `next` is a false sentence boundary. */
function isFalseBoundary(previous: string, next: string, lang: string): boolean {
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
  const lines: string[] = [];
  for (const raw of paragraph.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const last = lines.length - 1;
    const previous = lines[last];
    if (previous !== undefined && !TERMINAL.test(previous) && LOWERCASE_START.test(line)) {
      lines[last] = `${previous} ${line}`;
    } else {
      lines.push(line);
    }
  }
  return lines;
}

function segmentLine(line: string, lang: string, out: string[]): void {
  const segmenter = sentenceSegmenter(lang);
  const text = line.replace(GLUED_BOUNDARY, '$1 ');
  let pending: string | undefined;
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence === '') continue;
    if (pending !== undefined && isFalseBoundary(pending, sentence, lang)) {
      pending = `${pending} ${sentence}`;
    } else {
      if (pending !== undefined) out.push(pending);
      pending = sentence;
    }
  }
  if (pending !== undefined) out.push(pending);
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
