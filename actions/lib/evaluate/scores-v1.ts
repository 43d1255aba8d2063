import { isRecord } from '#lib/is-record';
import { ROUGE_METRICS } from './metrics/registry';

/**
 * Version 1 of scores.json scored ROUGE only: its cases are valid version-2 cases, its settings listed the four
 * ROUGE variants, and its baseline section called the per-case values `fmeasure`. This rewrites a version-1
 * header (everything but the cases) in place into the version-2 shape, so one schema reads both; a comparison
 * with it then covers the metrics both have. Anything else is left for the schema to judge.
 */
export function upgradeScoresHeader(header: Record<string, unknown>): void {
  if (header.version !== 1) return;
  header.version = 2;
  // Every version-1 writer computed all four ROUGE variants for every scored case, whichever it listed; a list
  // that is not ROUGE names is left for the schema to refuse.
  const settings = header.settings;
  if (
    isRecord(settings) &&
    Array.isArray(settings.metrics) &&
    settings.metrics.every((m) => (ROUGE_METRICS as readonly unknown[]).includes(m))
  )
    settings.metrics = [...ROUGE_METRICS];
  const baseline = header.baseline;
  if (!isRecord(baseline)) return;
  baseline.missingMetrics = [];
  if (!Array.isArray(baseline.cases)) return;
  for (const entry of baseline.cases as unknown[]) {
    if (!isRecord(entry) || !('fmeasure' in entry)) continue;
    entry.values = entry.fmeasure;
    delete entry.fmeasure;
  }
}
