import { escapeHtml, escapeMarkdownLines, escapeTruncated } from '#lib/markdown/index';
import type { CaseAccess } from './case-access';
import { caseValue } from './case-access';
import type { Metric } from './metrics/registry';
import { describeMetric } from './metrics/registry';
import type { BaselineComparison, CaseResult } from './types';

export type BaselineCase = BaselineComparison['cases'][number];

const PREVIEW_CHARS = 700;

/** Looked up once per case while sorting and previewing: a scan of the list each time is quadratic in the cases. */
export function baselineCasesById(baseline: BaselineComparison | undefined): Map<string, BaselineCase> {
  const byId = new Map<string, BaselineCase>();
  // The first entry of an id wins, as a search of the list would find it.
  for (const b of baseline?.cases ?? []) if (!byId.has(b.id)) byId.set(b.id, b);
  return byId;
}

/**
 * Positions of the cases: errored first, then the largest drops of `sortMetric` against the baseline, then the
 * lowest values (worst first in the metric's direction).
 */
export function orderCases(
  cases: CaseAccess,
  baselineCases: Map<string, BaselineCase>,
  sortMetric: Metric,
): number[] {
  const sign = describeMetric(sortMetric).direction === 'higher' ? 1 : -1;
  // Keys computed once per case, not once per comparison; ties keep the fixture set's order.
  const group = new Uint8Array(cases.size);
  const value = new Float64Array(cases.size);
  for (let position = 0; position < cases.size; position++) {
    const score = cases.value(position, sortMetric);
    if (!cases.hasScores(position) || score === undefined) continue;
    const base = baselineCases.get(cases.id(position))?.values[sortMetric];
    group[position] = base !== undefined ? 1 : 2;
    value[position] = sign * (base !== undefined ? score - base : score);
  }
  const order = Array.from({ length: cases.size }, (_, position) => position);
  order.sort(
    (a, b) =>
      (group[a] as number) - (group[b] as number) || (value[a] as number) - (value[b] as number) || a - b,
  );
  return order;
}

/**
 * One case in a collapsed <details>: its label (the sort metric with its Δ, and each metric that has findings),
 * the reference, the candidate (or its error) and the baseline's summary, all escaped.
 */
export function renderPreview(
  c: CaseResult,
  baselineCases: Map<string, BaselineCase>,
  metrics: readonly Metric[],
  sortMetric: Metric,
): string {
  const id = escapeHtml(c.id);
  let label: string;
  if (!c.scores) label = `⚠️ ${id}: error`;
  else {
    const shown = metrics.filter((m) => m === sortMetric || describeMetric(m).findings !== undefined);
    const base = baselineCases.get(c.id);
    label = `${id}: ${shown
      .flatMap((metric) => {
        const value = caseValue(c, metric);
        if (value === undefined) return [];
        const { label: name, format, formatDelta } = describeMetric(metric).render;
        const before = base?.values[metric];
        return [
          `${name} ${format(value)}${before !== undefined ? ` (Δ ${formatDelta(value - before)})` : ''}`,
        ];
      })
      .join(' · ')}`;
  }
  const reference =
    c.references.length === 1
      ? (c.references[0] ?? '')
      : c.references.map((r, i) => `(${i + 1}) ${r}`).join('\n');
  const parts = [`<details><summary>${label}</summary>`, '', `**Reference**`, '', preview(reference)];
  if (c.error !== undefined) parts.push('', '**Error**', '', preview(c.error));
  else parts.push('', '**Candidate**', '', preview(c.summary ?? ''));
  const base = baselineCases.get(c.id);
  if (base?.summary !== undefined) parts.push('', '**Baseline**', '', preview(base.summary));
  parts.push('', '</details>');
  return parts.join('\n');
}

function preview(text: string): string {
  const escaped = escapeTruncated(text, PREVIEW_CHARS, escapeMarkdownLines);
  return escaped === '' ? '_(empty)_' : escaped;
}
