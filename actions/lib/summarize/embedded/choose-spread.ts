// Selection for documents whose gist is spread over their length (talks, transcripts, sectioned or long pages):
// candidates are flagged (headings, housekeeping, code, fragments and over-long spoken lines are never picked),
// the text is cut into topic segments, and the summary takes the best line of each segment (written text) or of
// each equal stretch of the talk (speech).
import { countWords } from '#lib/text/words';
import { isCallToAction } from './boilerplate';
import { DEFAULT_SUMMARY_SENTENCES, chooseNews, truncateWords } from './choose-news';
import type { NewsOptions } from './choose-news';
import type { Genre } from './genre';
import { MAX_LINE_WORDS } from './run-ons';
import { MAX_SEGMENTS, segmentAtHeadings, textTile } from './segment';
import { isHousekeeping } from './spoken';
import type { SpreadUnit, SpreadWeights } from './spread';
import { DEFAULT_SPREAD_WEIGHTS, scoreInSegments, selectSpread } from './spread';
import { selectStretches } from './stretches';
import { contentTerms } from './terms';
import type { Unit } from './units';
import { ENDS_LIKE_A_SENTENCE } from './units';
import { buildVectors } from './vectors';

/**
 * Length rule for documents read as spread out when the caller gives no length: one sentence per topic segment
 * (a heading section, or about 350 words on one topic), at least DEFAULT_SUMMARY_SENTENCES, at most this many and
 * at most one per WORDS_PER_DEFAULT_SENTENCE words of text. An explicit sentences or maxWords always wins.
 */
const MAX_DEFAULT_SPREAD_SENTENCES = 10;
/** Default spread length: no more than one sentence per this many words of text, so short pages stay short. */
const WORDS_PER_DEFAULT_SENTENCE = 150;
const OPENS_WITH_QUOTE = /^["“‘'«„]/u;
/** Opens by pointing back at something the summary may not contain ("It also...", "This is why..."). */
const OPENS_WITH_REFERENCE = /^(?:it|this|that|these|those|they|he|she|its|their|his|her)\b/iu;
/** In spread selection, shorter pieces are acknowledgements and fragments ("Right.", "Yeah, exactly."). */
const MIN_SPREAD_WORDS = 5;
/**
 * Mostly symbols: a code sample or configuration line flattened into the text, never a summary sentence. Counted
 * over non-space characters; prose is well above this share of letters.
 */
const MIN_LETTER_SHARE = 0.7;
/** Characters of code and configuration syntax that prose hardly uses; a few of them mark a flattened sample. */
const CODE_SYMBOL = /[=*{}[\]<>\\|`$#;]/gu;
const MIN_CODE_SYMBOLS = 3;
const MIN_CODE_SYMBOL_SHARE = 0.05;
/** A heading section is tiled into topics only from this many nominal segment lengths on. */
const MIN_TILED_SECTION_SEGMENTS = 2;

export interface SpreadChoiceOptions extends NewsOptions {
  spreadWeights?: SpreadWeights | undefined;
}

function looksLikeCode(text: string): boolean {
  const visible = text.replace(/\s+/gu, '');
  if (visible.length === 0) return false;
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  const symbols = visible.match(CODE_SYMBOL)?.length ?? 0;
  return (
    letters / visible.length < MIN_LETTER_SHARE ||
    (symbols >= MIN_CODE_SYMBOLS && symbols / visible.length >= MIN_CODE_SYMBOL_SHARE)
  );
}

function sectionWords(units: readonly SpreadUnit[], from: number, to: number): number {
  let words = 0;
  for (let i = from; i < to; i++) words += (units[i] as SpreadUnit).words;
  return words;
}

/**
 * Heading sections, with any section long enough for several topics tiled on its own, so one long chapter under a
 * single heading still contributes by topic.
 */
function subdivide(
  starts: readonly number[],
  count: number,
  tile: (from: number, to: number) => number[],
): number[] {
  return starts.flatMap((start, s) => tile(start, starts[s + 1] ?? count));
}

/** One sentence per segment, within [3, min(10, one per 150 words)]. */
function defaultSpreadLength(segments: number, words: number): number {
  const cap = Math.max(
    DEFAULT_SUMMARY_SENTENCES,
    Math.min(MAX_DEFAULT_SPREAD_SENTENCES, Math.floor(words / WORDS_PER_DEFAULT_SENTENCE)),
  );
  return Math.min(cap, Math.max(DEFAULT_SUMMARY_SENTENCES, segments));
}

function spreadCandidates(units: readonly Unit[], genre: Genre): SpreadUnit[] {
  const { vectors } = buildVectors(units.map((unit) => contentTerms(unit.text)));
  return units.map((unit, index) => {
    const words = countWords(unit.text);
    const excluded =
      unit.heading ||
      words < MIN_SPREAD_WORDS ||
      isCallToAction(unit.text) ||
      looksLikeCode(unit.text) ||
      (genre.spoken && (isHousekeeping(unit.text) || words > MAX_LINE_WORDS));
    return {
      text: unit.text,
      words,
      vector: vectors[index] as SpreadUnit['vector'],
      excluded,
      quoted: OPENS_WITH_QUOTE.test(unit.text),
      // In written text an unpunctuated line is a caption, list fragment or code; speech is often transcribed
      // without punctuation at all, so there it says nothing.
      unterminated: !genre.spoken && !ENDS_LIKE_A_SENTENCE.test(unit.text),
      anaphoric: OPENS_WITH_REFERENCE.test(unit.text),
    };
  });
}

/**
 * The chosen units, in document order. `progress` (speech only) says where each unit sits in the talk, from 0 to
 * 1, by time or by position.
 */
export function chooseSpread(
  units: readonly Unit[],
  genre: Genre,
  options: SpreadChoiceOptions,
  words: number,
  progress: Float64Array | undefined,
): Unit[] {
  const weights = options.spreadWeights ?? DEFAULT_SPREAD_WEIGHTS;
  const spread = spreadCandidates(units, genre);
  if (options.sentences === 1) {
    // One line: the most central of all the lines that could be picked, wherever it is.
    const eligible = units.filter((_, index) => !(spread[index] as SpreadUnit).excluded);
    if (eligible.length > 0) return chooseNews(eligible, options);
  }
  const tile = (from: number, to: number): number[] =>
    sectionWords(spread, from, to) < MIN_TILED_SECTION_SEGMENTS * weights.segmentWords
      ? [from]
      : textTile(
          spread.slice(from, to).map((unit) => unit.vector),
          units.slice(from, to).map((unit) => unit.paragraph),
          spread.slice(from, to).map((unit) => unit.words),
          weights.segmentWords,
        ).map((start) => from + start);
  const segments = (
    genre.headings
      ? subdivide(segmentAtHeadings(units.map((unit) => unit.heading)), units.length, tile)
      : tile(0, units.length)
  ).slice(0, MAX_SEGMENTS);
  const defaultLength = defaultSpreadLength(segments.length, words);
  const wanted =
    options.sentences ?? (options.maxWords === undefined ? defaultLength : Number.POSITIVE_INFINITY);
  const picked =
    genre.spoken && progress !== undefined
      ? selectStretches(spread, scoreInSegments(spread, segments, true, weights), progress, {
          stretches: Number.isFinite(wanted) ? wanted : defaultLength,
          sentences: wanted,
          maxWords: options.maxWords,
          duplicateThreshold: weights.duplicateThreshold,
        })
      : selectSpread(spread, {
          segments,
          sentences: wanted,
          maxWords: options.maxWords,
          spoken: genre.spoken,
          weights,
        });
  if (picked.length > 0) return picked.map((index) => units[index] as Unit);
  return fallback(units, spread, genre, options);
}

/** No sentence qualified (all short or excluded), or none fits the word budget. */
function fallback(
  units: readonly Unit[],
  spread: readonly SpreadUnit[],
  genre: Genre,
  options: SpreadChoiceOptions,
): Unit[] {
  // Speech keeps its lines short even here: a line that is still too long is cut at a word and marked "…".
  const cap = genre.spoken ? MAX_LINE_WORDS : Number.POSITIVE_INFINITY;
  const capped = (unit: Unit): Unit =>
    countWords(unit.text) > cap ? { ...unit, text: truncateWords(unit.text, cap) } : unit;
  if (options.maxWords === undefined) {
    // The news scorer still finds the best ones.
    const short = units.filter((_, index) => (spread[index] as SpreadUnit).words <= cap);
    return chooseNews(short.length > 0 ? short : units, options).map(capped);
  }
  // Nothing fits the budget: cut the first sentence that could have been chosen, as the news path cuts its best.
  const best = units.find((_, index) => !(spread[index] as SpreadUnit).excluded) ?? units[0];
  return best === undefined
    ? []
    : [{ ...best, text: truncateWords(best.text, Math.min(cap, options.maxWords)) }];
}
