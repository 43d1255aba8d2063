import { percentileOfSorted } from '#lib/stats/index';
import type { BootstrapSettings } from './aggregate';
import { aggregateCases } from './aggregate';
import type { CaseAccess } from './case-access';
import type { Metric } from './metrics/registry';
import { MAX_TAG_VIEWS } from './scores-schema';
import type { LatencySummary, MetricIntervals, TagView } from './types';

/** The provider's summarize time over the cases it summarized: p50 and p95 (numpy's linear percentiles). */
export function latencySummary(cases: CaseAccess): LatencySummary | undefined {
  const times: number[] = [];
  for (let position = 0; position < cases.size; position++) {
    const ms = cases.latencyMs(position);
    if (ms !== undefined) times.push(ms);
  }
  if (times.length === 0) return undefined;
  const sorted = Float64Array.from(times).sort();
  return {
    cases: sorted.length,
    p50Ms: percentileOfSorted(sorted, 50),
    p95Ms: percentileOfSorted(sorted, 95),
  };
}

/**
 * Each metric per fixture tag, for the MAX_TAG_VIEWS most frequent tags (ties by name): the cases carrying the tag
 * and their means with bootstrap CIs, drawn over those cases in the fixture set's order. A tag every case carries
 * has the overall numbers (the same cases in the same order), so it costs nothing; each other tag costs a
 * bootstrap of its own cases. Undefined when no case has a tag.
 */
export function tagView(
  cases: CaseAccess,
  metrics: readonly Metric[],
  settings: BootstrapSettings,
  overall: MetricIntervals,
): TagView | undefined {
  const positions = new Map<string, number[]>();
  for (let position = 0; position < cases.size; position++) {
    for (const tag of new Set(cases.tags(position))) {
      let list = positions.get(tag);
      if (!list) positions.set(tag, (list = []));
      list.push(position);
    }
  }
  if (positions.size === 0) return undefined;
  const ranked = [...positions.entries()].sort(
    ([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  const shown = ranked.slice(0, MAX_TAG_VIEWS);
  return {
    tags: shown.map(([tag, list]) => ({
      tag,
      cases: list.length,
      aggregate: list.length === cases.size ? overall : aggregateCases(cases, metrics, settings, list),
    })),
    omitted: ranked.length - shown.length,
  };
}
