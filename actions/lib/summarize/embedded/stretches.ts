// Selection for speech: a talk is summarized from all of it. Ranking topic segments by size and novelty, as
// written pages are, lets a long stretch in one vocabulary (the hands-on half of a training day: open, paste,
// commit, run) lose to a few varied lecture topics, and the summary then skips an hour. So a talk is cut into
// as many equal stretches as lines are wanted, by time where the source has times (captions, Transcribe words)
// and by position in the text otherwise, and every stretch gives its best line before any gives a second. A
// stretch with nothing to pick (silence, a break, housekeeping only) gives its turn to the others. Within a
// stretch, candidates keep the score they have in their topic segment (spread.ts: centrality to the segment and
// to the whole talk, a small bonus for opening the segment, penalties for quotes and pointing back).
import type { TimedOffset } from '#lib/ingest/document';
import type { SpreadUnit } from './spread';
import { roundRobin } from './spread';
import { startAt } from './timing';

/**
 * Where each unit sits in the talk, from 0 to 1: its start time over the time of the last timed piece when the
 * source has times, else its offset over the text length. A unit without a time or offset takes the one before it.
 */
export function progressOf(
  offsets: readonly (number | undefined)[],
  timing: readonly TimedOffset[] | undefined,
  textLength: number,
): Float64Array {
  const progress = new Float64Array(offsets.length);
  let end = 0;
  for (const piece of timing ?? []) end = Math.max(end, piece.start);
  let previous = 0;
  offsets.forEach((offset, index) => {
    let at: number | null = null;
    if (offset !== undefined) {
      if (timing !== undefined && timing.length > 0) {
        const start = startAt(timing, offset);
        at = start === null || end === 0 ? null : start / end;
      } else if (textLength > 0) at = offset / textLength;
    }
    previous = at === null ? previous : Math.min(1, Math.max(0, at));
    progress[index] = previous;
  });
  return progress;
}

export interface StretchOptions {
  /** How many equal stretches the talk is cut into. */
  stretches: number;
  /** Most lines to pick. */
  sentences: number;
  maxWords?: number | undefined;
  duplicateThreshold: number;
}

/**
 * Indices of the chosen units, in document order. `scores` holds each candidate's score (NaN for units that are
 * never chosen); `progress` says where each unit sits in the talk.
 */
export function selectStretches(
  units: readonly SpreadUnit[],
  scores: Float64Array,
  progress: Float64Array,
  options: StretchOptions,
): number[] {
  const count = Math.max(1, Math.min(options.stretches, units.length));
  const queues: number[][] = Array.from({ length: count }, () => []);
  units.forEach((unit, index) => {
    if (unit.excluded || Number.isNaN(scores[index] ?? Number.NaN)) return;
    const stretch = Math.min(count - 1, Math.floor((progress[index] ?? 0) * count));
    queues[stretch]?.push(index);
  });
  const score = (index: number): number => scores[index] ?? Number.NEGATIVE_INFINITY;
  for (const queue of queues) queue.sort((a, b) => score(b) - score(a) || a - b);
  // The stretches with the strongest lines go first, which only matters when a word budget runs out.
  const order = queues
    .filter((queue) => queue.length > 0)
    .sort((a, b) => score(b[0] as number) - score(a[0] as number) || (a[0] as number) - (b[0] as number));
  return roundRobin(units, order, options.sentences, options.maxWords, options.duplicateThreshold);
}
