import type { Metric } from '#lib/evaluate/metrics/registry';
import { parseThreshold } from '#lib/evaluate/gates';
import { parseIntFlag } from './options';

// The gate flags `sumops eval` and `sumops eval merge` share, parsed the same way for both.

/** A positional that is a threshold, not a fixture: a shell splits `--threshold a=1 b=2` into extra arguments. */
export const THRESHOLD_LIKE = /^[A-Za-z0-9-]+=/;

/** `--threshold METRIC=VALUE`, repeatable and comma-separated; a later value for a metric wins. */
export function parseThresholdFlags(specs: readonly string[]): Partial<Record<Metric, number>> {
  const thresholds: Partial<Record<Metric, number>> = {};
  for (const spec of specs.flatMap((t) => t.split(','))) {
    if (spec.trim() === '') continue;
    const [metric, value] = parseThreshold(spec);
    thresholds[metric] = value;
  }
  return thresholds;
}

/** `--max-p95-ms MS`: whole milliseconds, up to an hour. */
export function parseMaxP95Flag(text: string | undefined): number | undefined {
  return parseIntFlag('max-p95-ms', text, { min: 1, max: 3_600_000 });
}
