import type { ScoredSentence } from './score';
import { cosineTo } from './vectors';

export interface SelectionOptions {
  /** Most sentences to pick. */
  sentences: number;
  /** Most words in total; undefined for no limit. */
  maxWords?: number;
  /** Maximal Marginal Relevance trade-off: how much similarity to already chosen sentences costs. */
  redundancyWeight: number;
  /** Above this cosine a candidate counts as a repeat of a chosen sentence and is never picked. */
  duplicateThreshold: number;
}

/**
 * Greedy MMR: repeatedly takes the candidate with the best score minus its redundancy with what is already chosen,
 * skipping near-duplicates and sentences that would overflow the word budget. Returns chosen sentences in document
 * order.
 */
export function selectSentences(
  candidates: readonly ScoredSentence[],
  options: SelectionOptions,
): ScoredSentence[] {
  const chosen: ScoredSentence[] = [];
  const redundancy = new Float64Array(candidates.length);
  const available = candidates.map(() => true);
  let wordsLeft = options.maxWords ?? Number.POSITIVE_INFINITY;
  while (chosen.length < options.sentences) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    candidates.forEach((candidate, k) => {
      if (!available[k]) return;
      if (candidate.words > wordsLeft || (redundancy[k] ?? 0) >= options.duplicateThreshold) {
        available[k] = false;
        return;
      }
      const value = candidate.score - options.redundancyWeight * (redundancy[k] ?? 0);
      // Ties go to the earlier sentence, which keeps output deterministic and lead-biased.
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    });
    const pick = candidates[best];
    if (pick === undefined) break;
    available[best] = false;
    chosen.push(pick);
    wordsLeft -= pick.words;
    const similarityToPick = cosineTo(pick.vector);
    candidates.forEach((candidate, k) => {
      if (available[k]) redundancy[k] = Math.max(redundancy[k] ?? 0, similarityToPick(candidate.vector));
    });
  }
  return chosen.sort((a, b) => a.index - b.index);
}
