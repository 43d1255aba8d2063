import type { MetricDescription } from './description';

/** Which way a metric is better (see MetricDescription.direction). */
export type Direction = MetricDescription['direction'];

/** A difference (candidate − reference) that loses more than `tolerance`, in the metric's direction. */
export function isWorseBy(direction: Direction, difference: number, tolerance: number): boolean {
  return direction === 'higher' ? difference < -tolerance : difference > tolerance;
}

/** The end of a CI of differences most favourable to the candidate: a regression is significant beyond it. */
export function favourableEnd(direction: Direction, interval: { low: number; high: number }): number {
  return direction === 'higher' ? interval.high : interval.low;
}

/** Whether a mean meets a threshold: at or above it, or at or below it for a lower-is-better metric. */
export function meetsThreshold(direction: Direction, mean: number, threshold: number): boolean {
  return direction === 'higher' ? mean >= threshold : mean <= threshold;
}
