// Split-half scoring for the extraction benchmark: with one set of pages, a rule tuned on it can fit those pages
// rather than pages in general. Page ids are content hashes, so taking every other id in sorted order splits the
// set at random; a change that helps in general helps both halves.
import { scoreCorpus } from './extraction-metric';
import type { PageScore } from './extraction-metric';

export interface HalfScores {
  all: number;
  even: number;
  odd: number;
}

/** Corpus F1 over all pages and over each half (even and odd positions among the sorted ids). */
export function halfF1(scores: ReadonlyMap<string, PageScore>): HalfScores {
  const ids = [...scores.keys()].sort();
  const pick = (keep: (i: number) => boolean): PageScore[] =>
    ids.filter((_, i) => keep(i)).map((id) => scores.get(id) as PageScore);
  return {
    all: scoreCorpus(pick(() => true)).f1,
    even: scoreCorpus(pick((i) => i % 2 === 0)).f1,
    odd: scoreCorpus(pick((i) => i % 2 === 1)).f1,
  };
}

/** Page F1 (harmonic mean of its precision and recall), for counting pages a change helps or hurts. */
export function pageF1(score: PageScore): number {
  const sum = score.precision + score.recall;
  return sum === 0 ? 0 : (2 * score.precision * score.recall) / sum;
}
