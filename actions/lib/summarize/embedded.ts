import { splitAtWords } from '#lib/text/words';
import { stripFurniture } from './embedded/boilerplate';
import { splitGluedCaptions } from './embedded/photo-captions';
import { validateSummaryLength } from './embedded/length';
import type { ScoreWeights } from './embedded/score';
import { DEFAULT_WEIGHTS, scoreSentences } from './embedded/score';
import { selectSentences } from './embedded/select';
import { MAX_SENTENCE_CHARS, isSentenceFragment, splitSentences } from './sentences';
import type { SummarizeRequest, Summarizer, Summary, SummaryLength } from './types';

const EMBEDDED_PROVIDER = 'embedded';
const EMBEDDED_MODEL = 'sumops-extractive-v1';
/** Scoring is linear in the text and selection in (sentences × chosen), so whole books fit in one call. */
const EMBEDDED_INPUT_BUDGET_WORDS = 1_000_000;
const DEFAULT_SUMMARY_SENTENCES = 3;

/** Tuning knobs, for the benchmark's tuning runs; production callers use the defaults. */
export interface ExtractOptions extends SummaryLength {
  lang?: string;
  weights?: ScoreWeights;
}

/**
 * The extractive algorithm behind the embedded provider, synchronous and pure. With `maxWords`, sentences are
 * added greedily while they fit; if even the best sentence alone is longer than the budget, it is cut at a word
 * boundary and ends in "…" (the ellipsis is attached to the last word, so the word count stays within budget).
 */
export function extractSummary(text: string, options: ExtractOptions = {}): string[] {
  validateSummaryLength(options);
  const english = (options.lang ?? 'en').toLowerCase().startsWith('en');
  const sentences = splitSentences(text, options.lang)
    .flatMap((sentence) => (english ? splitGluedCaptions(sentence) : [sentence]))
    .map(stripFurniture)
    .filter((sentence) => sentence !== '');
  if (sentences.length === 0) return [];
  return summarizeCandidates(preferWholeSentences(sentences), options);
}

/** Headings, numbers and fragments are never picked while the text has real sentences to pick from. */
function preferWholeSentences(sentences: string[]): string[] {
  const whole = sentences.filter((sentence) => !isSentenceFragment(sentence));
  return whole.length > 0 ? whole : sentences;
}

function summarizeCandidates(sentences: string[], options: ExtractOptions): string[] {
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
  if (chosen.length > 0 || options.maxWords === undefined) return chosen.map((sentence) => sentence.text);
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  return [truncateWords(best.text, options.maxWords)];
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
        const sentences = extractSummary(request.text, request);
        return Promise.resolve({
          text: sentences.join('\n'),
          sentences,
          provider: EMBEDDED_PROVIDER,
          model: EMBEDDED_MODEL,
        });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
