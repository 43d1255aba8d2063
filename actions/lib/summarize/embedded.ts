import type { ScoreWeights } from './embedded/score';
import { validateSummaryLength } from './embedded/length';
import { chooseNews } from './embedded/choose-news';
import { chooseSpread } from './embedded/choose-spread';
import { detectGenre } from './embedded/genre';
import type { SpreadWeights } from './embedded/spread';
import { progressOf } from './embedded/stretches';
import { locateUnits, startAt } from './embedded/timing';
import type { Unit } from './embedded/units';
import { buildUnits, spokenUnits } from './embedded/units';
import type { SummarizeRequest, Summarizer, Summary, SummaryLength, SourceHints } from './types';
import { countWords } from '#lib/text/words';

const EMBEDDED_PROVIDER = 'embedded';
const EMBEDDED_MODEL = 'sumops-extractive-v1';
/** Scoring is linear in the text and selection in (sentences × chosen), so whole books fit in one call. */
const EMBEDDED_INPUT_BUDGET_WORDS = 1_000_000;

/** Tuning knobs, for the benchmark's tuning runs; production callers use the defaults. */
export interface ExtractOptions extends SummaryLength, SourceHints {
  lang?: string;
  weights?: ScoreWeights;
  /** The one-sentence (most central sentence) scorer's weights. */
  centralWeights?: ScoreWeights;
  spreadWeights?: SpreadWeights;
  /** 'news' forces the lead-weighted news path whatever the genre (the coverage benchmark's "before" baseline). */
  selection?: 'auto' | 'news';
}

/** Summary sentences and, parallel to them, when each was spoken (seconds; null where the source has no times). */
export interface TimedSummary {
  sentences: string[];
  starts: (number | null)[];
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
 * document's genre (see embedded/genre.ts) picks the selection: the news scorer, or spread over topic segments
 * (over stretches of the talk for speech). One sentence asked for is the most central sentence, whatever the genre.
 */
export function extractTimedSummary(text: string, options: ExtractOptions = {}): TimedSummary {
  validateSummaryLength(options);
  const english = (options.lang ?? 'en').toLowerCase().startsWith('en');
  const units = buildUnits(text, options.lang, english);
  const words = countWords(text);
  const detected = detectGenre({
    kind: options.kind,
    text,
    words,
    paragraphs: units.length === 0 ? 0 : (units[units.length - 1] as Unit).paragraph + 1,
    headings: units.filter((unit) => unit.heading).length,
  });
  const genre = options.selection === 'news' ? { spoken: false, spread: false, headings: false } : detected;
  const kept = genre.spoken ? spokenUnits(units, english) : units.filter((unit) => unit.text !== '');
  if (kept.length === 0) return { sentences: [], starts: [] };
  const timing = options.timing !== undefined && options.timing.length > 0 ? options.timing : undefined;
  // Speech is selected by where in the talk each line was said, and any timed text gives its lines their times.
  if (timing !== undefined || genre.spoken) locateUnits(text, kept);
  const progress = genre.spoken
    ? progressOf(
        kept.map((unit) => unit.offset),
        timing,
        text.length,
      )
    : undefined;
  const chosen = genre.spread
    ? chooseSpread(kept, genre, options, words, progress)
    : chooseNews(kept, options);
  return {
    sentences: chosen.map((unit) => unit.text),
    starts: chosen.map((unit) =>
      timing === undefined || unit.offset === undefined ? null : startAt(timing, unit.offset),
    ),
  };
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
