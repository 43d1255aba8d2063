// Selection for documents whose gist is spread over their length (talks, transcripts, long multi-topic pages):
// the best sentences of the most important topic segments, in document order. Segments are ranked by Maximal
// Marginal Relevance over their own vectors (size, minus similarity to segments already taken), so two halves of
// one topic do not both win over a shorter distinct topic; each taken segment then gives its best sentence,
// scored against the segment (its local lead and centrality) rather than against the whole document.
import type { SparseVector } from './vectors';
import { cosineTo, cosineToRest } from './vectors';

export interface SpreadUnit {
  text: string;
  words: number;
  vector: SparseVector;
  /** Never chosen: headings, housekeeping, link prompts, fragments. */
  excluded: boolean;
  /** Opens with a quotation mark: someone else's words, rarely the gist. */
  quoted: boolean;
  /** Has no sentence-ending punctuation. */
  unterminated: boolean;
  /** Opens with a pronoun pointing back at earlier text, which the summary may not have kept. */
  anaphoric: boolean;
}

export interface SpreadOptions {
  /** Segment start indices, ascending, beginning with 0. */
  segments: readonly number[];
  /** Most sentences to pick. */
  sentences: number;
  maxWords?: number;
  spoken: boolean;
  weights: SpreadWeights;
}

/** Knobs of spread selection; tuned on the coverage benchmark built from the CNN/DM tuning half only. */
export interface SpreadWeights {
  /** How much the place of a sentence in its segment counts, for written text and for speech. */
  writtenPosition: number;
  spokenPosition: number;
  /** How fast the lead advantage decays within a segment (per sentence, as in the news scorer). */
  positionScale: number;
  /** Cosine to the rest of the segment, and to the rest of the document (keeps a pick on the main thread). */
  segmentCentrality: number;
  documentCentrality: number;
  quotePenalty: number;
  unterminatedPenalty: number;
  anaphoraPenalty: number;
  /** Sentences longer than this are penalized in proportion, like the news scorer's long-sentence rule. */
  longWords: number;
  longPenalty: number;
  /** Segment MMR: what similarity to a segment already taken costs, against size normalized to 1. */
  segmentRedundancy: number;
  /** Above this cosine to a chosen sentence, a candidate counts as a repeat and is never picked. */
  duplicateThreshold: number;
  /** Topic segmentation: about this many words per segment. */
  segmentWords: number;
}

// Tuned on the coverage benchmark (scripts/bench/bench-coverage.ts, CNN/DM tuning half only). Within a segment the
// lead counts for less than in news: a segment found by TextTiling starts where the vocabulary shifts, which is
// rarely its summary sentence, so centrality (to the segment and to the whole document) carries most of the score.
// In speech the first sentence of a stretch is usually a bridge ("Now, the second thing..."): less still.
export const DEFAULT_SPREAD_WEIGHTS: SpreadWeights = {
  writtenPosition: 0.5,
  spokenPosition: 0.2,
  positionScale: 1,
  segmentCentrality: 1,
  documentCentrality: 1,
  quotePenalty: 0.15,
  unterminatedPenalty: 0.1,
  anaphoraPenalty: 0.2,
  longWords: 80,
  longPenalty: 0.1,
  segmentRedundancy: 3,
  duplicateThreshold: 0.5,
  segmentWords: 350,
};

function sparseSum(units: readonly SpreadUnit[], from: number, to: number): Map<number, number> {
  const sum = new Map<number, number>();
  for (let i = from; i < to; i++) {
    const vector = (units[i] as SpreadUnit).vector;
    for (let k = 0; k < vector.ids.length; k++) {
      const id = vector.ids[k] ?? 0;
      sum.set(id, (sum.get(id) ?? 0) + (vector.weights[k] ?? 0));
    }
  }
  return sum;
}

function toVector(sum: Map<number, number>): SparseVector {
  const ids = new Int32Array(sum.size);
  const weights = new Float64Array(sum.size);
  let squares = 0;
  let k = 0;
  for (const [id, weight] of sum) {
    ids[k] = id;
    weights[k] = weight;
    squares += weight * weight;
    k++;
  }
  return { ids, weights, norm: Math.sqrt(squares) };
}

function dense(sum: Map<number, number>, size: number): { values: Float64Array; squares: number } {
  const values = new Float64Array(size);
  let squares = 0;
  for (const [id, weight] of sum) {
    values[id] = weight;
    squares += weight * weight;
  }
  return { values, squares };
}

/** Segments in the order they should contribute: most important first, each penalized for repeating earlier ones. */
function rankSegments(
  vectors: readonly SparseVector[],
  sizes: readonly number[],
  segmentRedundancy: number,
): number[] {
  let biggest = 0;
  for (const size of sizes) biggest = Math.max(biggest, size);
  const order: number[] = [];
  const redundancy = new Float64Array(vectors.length);
  const taken = vectors.map(() => false);
  for (let round = 0; round < vectors.length; round++) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < vectors.length; s++) {
      if (taken[s]) continue;
      const value = (sizes[s] ?? 0) / (biggest || 1) - segmentRedundancy * (redundancy[s] ?? 0);
      if (value > bestValue) {
        bestValue = value;
        best = s;
      }
    }
    if (best < 0) break;
    taken[best] = true;
    order.push(best);
    const similarity = cosineTo(vectors[best] as SparseVector);
    for (let s = 0; s < vectors.length; s++) {
      if (!taken[s]) redundancy[s] = Math.max(redundancy[s] ?? 0, similarity(vectors[s] as SparseVector));
    }
  }
  return order;
}

/** Scores of the candidates of one segment: its local lead and centrality, and centrality to the whole document. */
function scoreSegment(
  units: readonly SpreadUnit[],
  from: number,
  to: number,
  documentSum: { values: Float64Array; squares: number },
  vocabulary: number,
  positionWeight: number,
  weights: SpreadWeights,
): { index: number; score: number }[] {
  const segment = dense(sparseSum(units, from, to), vocabulary);
  const scored: { index: number; score: number }[] = [];
  let position = 0;
  const local: number[] = [];
  const global: number[] = [];
  for (let i = from; i < to; i++) {
    const unit = units[i] as SpreadUnit;
    local.push(cosineToRest(unit.vector, segment.values, segment.squares));
    global.push(cosineToRest(unit.vector, documentSum.values, documentSum.squares));
  }
  let maxLocal = 0;
  let maxGlobal = 0;
  for (let k = 0; k < local.length; k++) {
    if ((units[from + k] as SpreadUnit).excluded) continue;
    maxLocal = Math.max(maxLocal, local[k] ?? 0);
    maxGlobal = Math.max(maxGlobal, global[k] ?? 0);
  }
  for (let i = from; i < to; i++) {
    const unit = units[i] as SpreadUnit;
    if (unit.excluded) continue;
    let score =
      positionWeight / (1 + position / weights.positionScale) +
      (weights.segmentCentrality * (local[i - from] ?? 0)) / (maxLocal || 1) +
      (weights.documentCentrality * (global[i - from] ?? 0)) / (maxGlobal || 1);
    if (unit.words > weights.longWords)
      score -= (weights.longPenalty * (unit.words - weights.longWords)) / weights.longWords;
    if (unit.quoted) score -= weights.quotePenalty;
    if (unit.unterminated) score -= weights.unterminatedPenalty;
    if (unit.anaphoric) score -= weights.anaphoraPenalty;
    scored.push({ index: i, score });
    position++;
  }
  return scored;
}

function vocabularySize(units: readonly SpreadUnit[]): number {
  let vocabulary = 0;
  for (const unit of units) for (const id of unit.vector.ids) vocabulary = Math.max(vocabulary, id + 1);
  return vocabulary;
}

/**
 * Every candidate's score within its topic segment (NaN for excluded units), as selectSpread ranks them: for
 * selections that group candidates other than by segment (speech, by stretches of time).
 */
export function scoreInSegments(
  units: readonly SpreadUnit[],
  segments: readonly number[],
  spoken: boolean,
  weights: SpreadWeights,
): Float64Array {
  const vocabulary = vocabularySize(units);
  const documentSum = dense(sparseSum(units, 0, units.length), vocabulary);
  const positionWeight = spoken ? weights.spokenPosition : weights.writtenPosition;
  const scores = new Float64Array(units.length).fill(Number.NaN);
  segments.forEach((from, s) => {
    const to = segments[s + 1] ?? units.length;
    for (const { index, score } of scoreSegment(
      units,
      from,
      to,
      documentSum,
      vocabulary,
      positionWeight,
      weights,
    ))
      scores[index] = score;
  });
  return scores;
}

const byScore = (scored: { index: number; score: number }[]): number[] =>
  scored.sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.index);

/** Indices of the chosen units, in document order. */
export function selectSpread(units: readonly SpreadUnit[], options: SpreadOptions): number[] {
  const { segments } = options;
  const bounds = segments.map((start, s) => [start, segments[s + 1] ?? units.length] as const);
  const vocabulary = vocabularySize(units);
  const documentSum = dense(sparseSum(units, 0, units.length), vocabulary);
  const segmentVectors = bounds.map(([from, to]) => toVector(sparseSum(units, from, to)));
  const sizes = bounds.map(([from, to]) => {
    let words = 0;
    for (let i = from; i < to; i++)
      if (!(units[i] as SpreadUnit).excluded) words += (units[i] as SpreadUnit).words;
    return words;
  });
  const { weights } = options;
  const order = rankSegments(segmentVectors, sizes, weights.segmentRedundancy);
  const positionWeight = options.spoken ? weights.spokenPosition : weights.writtenPosition;
  const queues = order.map((s) => {
    const [from, to] = bounds[s] as readonly [number, number];
    return byScore(scoreSegment(units, from, to, documentSum, vocabulary, positionWeight, weights));
  });
  return roundRobin(units, queues, options.sentences, options.maxWords, weights.duplicateThreshold);
}

/**
 * Takes one candidate from each queue in turn (each queue best first, the queues in the order given) until
 * `sentences` are chosen: no group gives a second line before every group has given one. Candidates that would
 * overflow `maxWords` or repeat a chosen line (cosine at or above `duplicateThreshold`) are passed over. Returns
 * the chosen indices in document order.
 */
export function roundRobin(
  units: readonly SpreadUnit[],
  queues: readonly (readonly number[])[],
  sentences: number,
  maxWords: number | undefined,
  duplicateThreshold: number,
): number[] {
  const next = queues.map(() => 0);
  const chosen: number[] = [];
  const similarities: ((other: SparseVector) => number)[] = [];
  let wordsLeft = maxWords ?? Number.POSITIVE_INFINITY;
  let progress = true;
  while (chosen.length < sentences && progress) {
    progress = false;
    for (let q = 0; q < queues.length && chosen.length < sentences; q++) {
      const ranked = queues[q] as readonly number[];
      let at = next[q] ?? 0;
      while (at < ranked.length) {
        const index = ranked[at++] as number;
        const unit = units[index] as SpreadUnit;
        if (unit.words > wordsLeft) continue;
        if (similarities.some((similarity) => similarity(unit.vector) >= duplicateThreshold)) continue;
        chosen.push(index);
        similarities.push(cosineTo(unit.vector));
        wordsLeft -= unit.words;
        progress = true;
        break;
      }
      next[q] = at;
    }
  }
  return chosen.sort((a, b) => a - b);
}
