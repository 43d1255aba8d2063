import { escapeMarkdown } from '#lib/markdown/index';
import type { CaseAccess, EvalRun } from './case-access';
import type { Metric } from './metrics/registry';
import { describeMetric } from './metrics/registry';
import type { BaselineComparison } from './types';

type BaselineCase = BaselineComparison['cases'][number];

/** The most one case's findings take in a comment; the rest of them are in scores.json. */
const MAX_CASE_CHARS = 2500;

/**
 * A section per metric that has findings (faithfulness: "Possible hallucinations"): the cases whose value holds
 * any, worst value first, each with its findings as the metric renders them (escaped, spans marked), within
 * `maxChars` and `maxCases` for all sections together; the cases left out are counted. Only the listed cases are
 * read whole (a merge keeps the others as bytes).
 */
export function renderFindings(
  result: EvalRun,
  cases: CaseAccess,
  baselineCases: ReadonlyMap<string, BaselineCase>,
  budget: { maxChars: number; maxCases: number; where: string },
): string {
  const sections: string[] = [];
  let used = 0;
  let listed = 0;
  for (const metric of result.settings.metrics) {
    const findings = describeMetric(metric).findings;
    if (!findings) continue;
    const order = worstFirst(cases, metric);
    if (order.length === 0) continue;
    const { label, format, formatDelta } = describeMetric(metric).render;
    const intro = `### ⚠️ ${findings.heading} (${metric})\n\n${order.length} case${order.length === 1 ? ' has' : 's have'} ${metric} findings, worst ${label} first; ${findings.note}.`;
    const items: string[] = [];
    let size = intro.length + 2;
    for (const position of order) {
      const remaining = order.length - items.length;
      const reserve = moreLine(remaining, budget.where).length + 2;
      if (listed >= budget.maxCases || used + size + reserve > budget.maxChars) break;
      const c = cases.at(position);
      const value = (c.scores as Record<string, unknown> | undefined)?.[metric];
      const number = cases.value(position, metric);
      if (value === undefined || number === undefined) continue;
      const base = baselineCases.get(c.id)?.values[metric];
      const delta = base !== undefined ? ` (Δ ${formatDelta(number - base)})` : '';
      const head = `- **${escapeMarkdown(c.id)}**: ${label} ${format(number)}${delta}`;
      const room = Math.min(MAX_CASE_CHARS, budget.maxChars - used - size - reserve - head.length - 1);
      const body = findings.render(value, Math.max(0, room));
      const item = body === '' ? head : `${head}\n${body}`;
      if (used + size + item.length + 1 + reserve > budget.maxChars) break;
      items.push(item);
      size += item.length + 1;
      listed++;
    }
    const dropped = order.length - items.length;
    const parts = [intro];
    if (items.length > 0) parts.push(items.join('\n'));
    if (dropped > 0) parts.push(moreLine(dropped, budget.where));
    const section = parts.join('\n\n');
    sections.push(section);
    used += section.length + 2;
  }
  return sections.join('\n\n');
}

function moreLine(count: number, where: string): string {
  return `_${count} more case${count === 1 ? '' : 's'} with findings in ${where}._`;
}

/** Positions of the cases with findings of `metric`, worst value first (ties keep the fixture set's order). */
function worstFirst(cases: CaseAccess, metric: Metric): number[] {
  const sign = describeMetric(metric).direction === 'higher' ? 1 : -1;
  const order: number[] = [];
  for (let position = 0; position < cases.size; position++)
    if (cases.findings(position, metric) > 0 && cases.value(position, metric) !== undefined)
      order.push(position);
  const key = new Float64Array(cases.size);
  for (const position of order) key[position] = sign * (cases.value(position, metric) as number);
  return order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
}
