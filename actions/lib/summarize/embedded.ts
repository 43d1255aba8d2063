import { countWords, splitAtWords } from '#lib/text/words';
import { isCallToAction, stripFurniture } from './embedded/boilerplate';
import { splitGluedCaptions } from './embedded/photo-captions';
import { validateSummaryLength } from './embedded/length';
import type { ScoreWeights } from './embedded/score';
import { DEFAULT_WEIGHTS, scoreSentences } from './embedded/score';
import { selectSentences } from './embedded/select';
import { MAX_SENTENCE_CHARS, isSentenceFragment, splitParagraphs, splitSentences } from './sentences';
import type { SummarizeRequest, Summarizer, Summary, SummaryLength, SourceHints } from './types';
import type { Genre } from './embedded/genre';
import { detectGenre } from './embedded/genre';
import { MAX_SEGMENTS, segmentAtHeadings, textTile } from './embedded/segment';
import { cleanSpoken, isHousekeeping, splitRunOn } from './embedded/spoken';
import type { SpreadUnit, SpreadWeights } from './embedded/spread';
import { DEFAULT_SPREAD_WEIGHTS, selectSpread } from './embedded/spread';
import { contentTerms } from './embedded/terms';
import { createLocator, nonSpaceBefore, startAt } from './embedded/timing';
import { buildVectors } from './embedded/vectors';

const EMBEDDED_PROVIDER = 'embedded';
const EMBEDDED_MODEL = 'sumops-extractive-v1';
/** Scoring is linear in the text and selection in (sentences × chosen), so whole books fit in one call. */
const EMBEDDED_INPUT_BUDGET_WORDS = 1_000_000;
const DEFAULT_SUMMARY_SENTENCES = 3;
/**
 * Length rule for documents read as spread out (talks, transcripts, sectioned or long pages) when the caller gives
 * no length: one sentence per topic segment (a heading section, or about 350 words on one topic), at least
 * DEFAULT_SUMMARY_SENTENCES, at most this many and at most one per WORDS_PER_DEFAULT_SENTENCE words of text.
 * An explicit sentences or maxWords always wins.
 */
const MAX_DEFAULT_SPREAD_SENTENCES = 10;

/** Tuning knobs, for the benchmark's tuning runs; production callers use the defaults. */
export interface ExtractOptions extends SummaryLength, SourceHints {
  lang?: string;
  weights?: ScoreWeights;
  spreadWeights?: SpreadWeights;
  /** 'news' forces the lead-weighted news path whatever the genre (the coverage benchmark's "before" baseline). */
  selection?: 'auto' | 'news';
}

/** Summary sentences and, parallel to them, when each was spoken (seconds; null where the source has no times). */
export interface TimedSummary {
  sentences: string[];
  starts: (number | null)[];
}

interface Unit {
  /** As segmented, before any cleaning: what is searched for in the text. */
  raw: string;
  /** Index of the non-space character of `raw` where this unit starts (a run-on piece starts inside it). */
  skip: number;
  text: string;
  paragraph: number;
  heading: boolean;
}

const MARKDOWN_HEADING = /^#{1,6}\s/u;
const ENDS_LIKE_A_SENTENCE = /[.!?…。！？]["”’'»)\]]*$/u;
const OPENS_WITH_QUOTE = /^["“‘'«„]/u;
/** Opens by pointing back at something the summary may not contain ("It also...", "This is why..."). */
const OPENS_WITH_REFERENCE = /^(?:it|this|that|these|those|they|he|she|its|their|his|her)\b/iu;
/** A paragraph of one short unpunctuated line reads as a heading. */
const HEADING_MAX_WORDS = 12;
/** In spread selection, shorter pieces are acknowledgements and fragments ("Right.", "Yeah, exactly."). */
const MIN_SPREAD_WORDS = 5;
/**
 * Mostly symbols: a code sample or configuration line flattened into the text, never a summary sentence. Counted
 * over non-space characters; prose is well above this share of letters.
 */
const MIN_LETTER_SHARE = 0.7;
/** Default spread length: no more than one sentence per this many words of text, so short pages stay short. */
const WORDS_PER_DEFAULT_SENTENCE = 150;

/** Characters of code and configuration syntax that prose hardly uses; a few of them mark a flattened sample. */
const CODE_SYMBOL = /[=*{}[\]<>\\|`$#;]/gu;
const MIN_CODE_SYMBOLS = 3;
const MIN_CODE_SYMBOL_SHARE = 0.05;

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

/**
 * The extractive algorithm behind the embedded provider, synchronous and pure. With `maxWords`, sentences are
 * added greedily while they fit; if even the best sentence alone is longer than the budget, it is cut at a word
 * boundary and ends in "…" (the ellipsis is attached to the last word, so the word count stays within budget).
 */
export function extractSummary(text: string, options: ExtractOptions = {}): string[] {
  return extractTimedSummary(text, options).sentences;
}

/**
 * extractSummary plus the start time of each sentence when `options.timing` says when the text was spoken. The
 * document's genre (see embedded/genre.ts) picks the selection: the news scorer, or spread over topic segments.
 */
export function extractTimedSummary(text: string, options: ExtractOptions = {}): TimedSummary {
  validateSummaryLength(options);
  const english = (options.lang ?? 'en').toLowerCase().startsWith('en');
  const units: Unit[] = [];
  splitParagraphs(text).forEach((paragraph, index) => {
    const pieces = splitSentences(paragraph, options.lang).flatMap((sentence) =>
      english ? splitGluedCaptions(sentence) : [sentence],
    );
    for (const raw of pieces) {
      const single = pieces.length === 1;
      const heading =
        MARKDOWN_HEADING.test(raw) ||
        (single && !ENDS_LIKE_A_SENTENCE.test(raw) && countWords(raw) <= HEADING_MAX_WORDS);
      units.push({ raw, skip: 0, text: stripFurniture(raw), paragraph: index, heading });
    }
  });
  const words = countWords(text);
  const detected = detectGenre({
    kind: options.kind,
    text,
    words,
    paragraphs: units.length === 0 ? 0 : (units[units.length - 1] as Unit).paragraph + 1,
    headings: units.filter((unit) => unit.heading).length,
  });
  const genre = options.selection === 'news' ? { spoken: false, spread: false, headings: false } : detected;
  const kept = genre.spread ? spreadUnits(units, genre, english) : units.filter((unit) => unit.text !== '');
  if (kept.length === 0) return { sentences: [], starts: [] };
  const chosen = genre.spread ? chooseSpread(kept, genre, options, words) : chooseNews(kept, options);
  return { sentences: chosen.map((unit) => unit.text), starts: startsOf(text, units, chosen, options) };
}

function startsOf(
  text: string,
  all: readonly Unit[],
  chosen: readonly Unit[],
  options: ExtractOptions,
): (number | null)[] {
  const timing = options.timing;
  if (timing === undefined || timing.length === 0) return chosen.map(() => null);
  const locator = createLocator(text);
  const found = new Map<string, number | undefined>();
  for (const unit of all) if (!found.has(unit.raw)) found.set(unit.raw, locator.locate(unit.raw));
  return chosen.map((unit) => {
    const base = found.get(unit.raw);
    const offset = base === undefined ? undefined : locator.offsetOf(base + unit.skip);
    return offset === undefined ? null : startAt(timing, offset);
  });
}

/** Speech is cleaned and its run-ons split before scoring; empty pieces and furniture go. */
function spreadUnits(units: readonly Unit[], genre: Genre, english: boolean): Unit[] {
  if (!genre.spoken) return units.filter((unit) => unit.text !== '');
  // Speech has no headings: a short unpunctuated paragraph there is a caption line or an aside.
  const spoken = units.map((unit) => ({ ...unit, heading: false }));
  if (!english) return spoken.filter((unit) => unit.text !== '');
  const out: Unit[] = [];
  for (const unit of spoken) {
    for (const piece of splitRunOn(unit.text)) {
      const text = cleanSpoken(piece.text);
      if (text === '') continue;
      // The unit's own text may start later than its raw sentence (a stripped dateline); count from the raw.
      const lead = unit.raw.indexOf(unit.text);
      const skip = nonSpaceBefore(unit.raw, Math.max(0, lead) + piece.at);
      out.push({ ...unit, text, skip });
    }
  }
  return out;
}

/** A heading section is tiled into topics only from this many nominal segment lengths on. */
const MIN_TILED_SECTION_SEGMENTS = 2;

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

function chooseSpread(units: readonly Unit[], genre: Genre, options: ExtractOptions, words: number): Unit[] {
  const weights = options.spreadWeights ?? DEFAULT_SPREAD_WEIGHTS;
  const { vectors } = buildVectors(units.map((unit) => contentTerms(unit.text)));
  const spread: SpreadUnit[] = units.map((unit, index) => {
    const words = countWords(unit.text);
    const excluded =
      unit.heading ||
      words < MIN_SPREAD_WORDS ||
      isCallToAction(unit.text) ||
      looksLikeCode(unit.text) ||
      (genre.spoken && isHousekeeping(unit.text));
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
  const tile = (from: number, to: number): number[] =>
    sectionWords(spread, from, to) < MIN_TILED_SECTION_SEGMENTS * weights.segmentWords
      ? [from]
      : textTile(
          spread.slice(from, to).map((unit) => unit.vector),
          units.slice(from, to).map((unit) => unit.paragraph),
          spread.slice(from, to).map((unit) => unit.words),
          weights.segmentWords,
        ).map((start) => from + start);
  const segments = genre.headings
    ? subdivide(segmentAtHeadings(units.map((unit) => unit.heading)), units.length, tile)
    : tile(0, units.length);
  const wanted =
    options.sentences ??
    (options.maxWords === undefined ? defaultSpreadLength(segments.length, words) : Number.POSITIVE_INFINITY);
  const picked = selectSpread(spread, {
    segments: segments.slice(0, MAX_SEGMENTS),
    sentences: wanted,
    maxWords: options.maxWords,
    spoken: genre.spoken,
    weights,
  });
  if (picked.length > 0) return picked.map((index) => units[index] as Unit);
  // No sentence qualified for spreading (all short or excluded): the news scorer still finds the best ones.
  if (options.maxWords === undefined) return chooseNews(units, options);
  // Nothing fits the budget: cut the first sentence that could have been chosen, as the news path cuts its best.
  const best = units.find((_, index) => !(spread[index] as SpreadUnit).excluded) ?? units[0];
  return best === undefined ? [] : [{ ...best, text: truncateWords(best.text, options.maxWords) }];
}

/** Today's news path, unchanged: lead-weighted scoring and MMR over the whole document. */
function chooseNews(all: readonly Unit[], options: ExtractOptions): Unit[] {
  const units = preferWholeSentences(all);
  const sentences = units.map((unit) => unit.text);
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const scored = scoreSentences(sentences, weights);
  const wanted =
    options.sentences ??
    (options.maxWords === undefined ? DEFAULT_SUMMARY_SENTENCES : Number.POSITIVE_INFINITY);
  const chosen = selectSentences(scored, {
    sentences: wanted,
    maxWords: options.maxWords,
    redundancyWeight: weights.redundancyWeight,
    duplicateThreshold: weights.duplicateThreshold,
  });
  if (chosen.length > 0 || options.maxWords === undefined)
    return chosen.map((sentence) => units[sentence.index] as Unit);
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  return [{ ...(units[best.index] as Unit), text: truncateWords(best.text, options.maxWords) }];
}

/** Headings, numbers and fragments are never picked while the text has real sentences to pick from. */
function preferWholeSentences(units: readonly Unit[]): readonly Unit[] {
  const whole = units.filter((unit) => !isSentenceFragment(unit.text));
  return whole.length > 0 ? whole : units;
}

/** At most `maxWords` words and MAX_SENTENCE_CHARS characters, even when one "word" is enormous. */
function truncateWords(sentence: string, maxWords: number): string {
  const head = (splitAtWords(sentence, maxWords)[0] ?? '').slice(0, MAX_SENTENCE_CHARS);
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** The default provider: offline, deterministic, no configuration. */
export function createEmbeddedSummarizer(): Summarizer {
  return {
    provider: EMBEDDED_PROVIDER,
    model: EMBEDDED_MODEL,
    inputBudgetWords: EMBEDDED_INPUT_BUDGET_WORDS,
    summarize(request: SummarizeRequest): Promise<Summary> {
      try {
        request.signal?.throwIfAborted();
        const { sentences, starts } = extractTimedSummary(request.text, request);
        return Promise.resolve({
          text: sentences.join('\n'),
          sentences,
          ...(starts.some((start) => start !== null) ? { starts } : {}),
          provider: EMBEDDED_PROVIDER,
          model: EMBEDDED_MODEL,
        });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
