import { distance } from 'fastest-levenshtein';

/**
 * The valid key closest to a misspelt one, or undefined when nothing is close enough to be a plausible typo
 * (at most a third of the key's length in edits, and never more than 3).
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(key.toLowerCase().slice(0, 100), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
