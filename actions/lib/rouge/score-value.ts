import type { Score } from './types';

export const ZERO_SCORE: Readonly<Score> = Object.freeze({ precision: 0, recall: 0, fmeasure: 0 });

/** rouge-score's `scoring.fmeasure` with the same operation order, so results match it bit for bit. */
export function makeScore(precision: number, recall: number): Score {
  const fmeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, fmeasure };
}
