import { countWords } from '#lib/text/words';
import { isCallToAction } from './boilerplate';
import { contentTerms } from './terms';
import type { SparseVector } from './vectors';
import { buildVectors, cosineToRest } from './vectors';

/**
 * How much each signal counts. Tuned on the first 125 CNN/DailyMail test articles only (scripts/bench/bench-summarize.ts
 * reports the held-out half and XSum separately). News puts the gist first, so position dominates; centrality
 * picks the on-topic sentences among the early ones, and redundancy control keeps them from repeating each other.
 */
export interface ScoreWeights {
  /** Weight of the position prior, which decays as 1 / (1 + index / positionScale). */
  position: number;
  positionScale: number;
  /** Weight of the cosine to the rest of the document, scaled so the most central sentence has 1. */
  centrality: number;
  /** Sentences longer than this many words are penalized in proportion to how much longer they are. */
  maxWords: number;
  longPenalty: number;
  /**
   * Sentences shorter than this many words are penalized in proportion to how much shorter they are: a short
   * sentence that shares the document's most frequent word looks central without saying much (0 in news).
   */
  shortWords: number;
  shortPenalty: number;
  /** Sentences that open with a quotation mark are someone's words, rarely the gist. */
  quotePenalty: number;
  /** "Click here", "Sign up": links and prompts that extraction left in. */
  callToActionPenalty: number;
  /** Short lines with no sentence-ending punctuation are headings or captions that extraction kept as paragraphs. */
  headingPenalty: number;
  headingMaxWords: number;
  /**
   * Any sentence with no sentence-ending punctuation, whatever its length: on news pages these are mostly photo
   * captions split off by splitGluedCaptions. Kept small on purpose: captions often state the gist, and on the
   * tuning half penalties of 0.2 or more lost ROUGE, so this only breaks near-ties in favour of real sentences.
   */
  unterminatedPenalty: number;
  /** Maximal Marginal Relevance: how much similarity to an already chosen sentence costs. */
  redundancyWeight: number;
  /** Above this cosine to a chosen sentence, a candidate counts as a repeat and is never picked. */
  duplicateThreshold: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  position: 1,
  positionScale: 0.6,
  centrality: 0.5,
  maxWords: 50,
  longPenalty: 0.3,
  shortWords: 0,
  shortPenalty: 0,
  quotePenalty: 0.1,
  callToActionPenalty: 1,
  headingPenalty: 1,
  headingMaxWords: 12,
  unterminatedPenalty: 0.1,
  redundancyWeight: 0.8,
  duplicateThreshold: 0.5,
};

export interface ScoredSentence {
  index: number;
  text: string;
  words: number;
  score: number;
  vector: SparseVector;
}

const OPENS_WITH_QUOTE = /^["“‘'«„]/u;
const ENDS_LIKE_A_SENTENCE = /[.!?…。！？]["”’'»)\]]*$/u;

export function scoreSentences(
  sentences: readonly string[],
  weights: ScoreWeights = DEFAULT_WEIGHTS,
): ScoredSentence[] {
  const { vectors, centroid } = buildVectors(sentences.map(contentTerms));
  let centroidSquares = 0;
  for (const value of centroid) centroidSquares += value * value;
  // Without its own weight in the centroid, a long sentence cannot look central just by being long.
  const centrality = vectors.map((vector) => cosineToRest(vector, centroid, centroidSquares));
  // A loop, not Math.max(...centrality): spreading 200,000 arguments overflows the stack.
  const maxCentrality = centrality.reduce((max, value) => (value > max ? value : max), 0) || 1;
  // Headings and glued captions interrupt the narrative rather than advance it: they take the position of the
  // next real sentence, so a caption above the first paragraph does not push the opening sentence down.
  const terminated = sentences.map((text) => ENDS_LIKE_A_SENTENCE.test(text.trim()));
  let narrative = 0;
  const positions = terminated.map((ends) => (ends ? narrative++ : narrative));
  return sentences.map((text, index) => {
    const words = countWords(text);
    const vector = vectors[index] as SparseVector;
    const position = positions[index] ?? index;
    let score =
      weights.position / (1 + position / weights.positionScale) +
      (weights.centrality * (centrality[index] ?? 0)) / maxCentrality;
    if (words > weights.maxWords)
      score -= (weights.longPenalty * (words - weights.maxWords)) / weights.maxWords;
    if (words < weights.shortWords)
      score -= (weights.shortPenalty * (weights.shortWords - words)) / weights.shortWords;
    if (OPENS_WITH_QUOTE.test(text)) score -= weights.quotePenalty;
    if (isCallToAction(text)) score -= weights.callToActionPenalty;
    if (!terminated[index]) {
      score -= weights.unterminatedPenalty;
      if (words <= weights.headingMaxWords) score -= weights.headingPenalty;
    }
    return { index, text, words, score, vector };
  });
}
