import { escapeMarkdown, stripControlCharacters } from '#lib/markdown/index';
import type { CaseAccess, EvalRun } from './case-access';
import type { Metric } from './metrics/registry';
import { describeMetric } from './metrics/registry';
import type { GateOutcome, Interval } from './types';

/** The aggregate table: a column per metric; rows for the mean, the baseline, the delta and the thresholds. */
export function renderTable(result: EvalRun, cases: CaseAccess): string {
  const metrics = result.settings.metrics;
  const confidence = Math.round(result.settings.confidence * 100);
  const rows: string[][] = [];
  rows.push([`mean [${confidence}% CI]`, ...metrics.map((m) => intervalCell(m, result.aggregate[m]))]);
  const baseline = result.baseline;
  if (baseline) {
    rows.push([
      'baseline mean',
      ...metrics.map((m) => {
        const b = baseline.aggregate[m];
        return b ? describeMetric(m).render.format(b.mean) : '—';
      }),
    ]);
    rows.push([
      `Δ [${confidence}% CI]`,
      ...metrics.map((m) => deltaCell(m, baseline.deltas[m], gateFor(result, 'regression', m))),
    ]);
  }
  const thresholds = metrics.map((m) => gateFor(result, 'threshold', m));
  if (thresholds.some((g) => g !== undefined)) {
    rows.push([
      'threshold',
      ...thresholds.map((g) => {
        if (!g?.metric) return '—';
        const bound = describeMetric(g.metric).direction === 'higher' ? '≥' : '≤';
        return `${bound} ${describeMetric(g.metric).render.format(g.limit)} ${g.passed ? '✅' : '❌'}`;
      }),
    ]);
  }
  const labels = metrics.map((m) => describeMetric(m).render.label);
  const header = `| | ${labels.join(' | ')} |\n|---|${metrics.map(() => '---:').join('|')}|`;
  const explain =
    `Means ×100 over ${cases.scoredCount} scored cases${baseline ? ` (baseline and Δ over the ${baseline.paired} cases both sides scored; paired bootstrap)` : ''}. ` +
    metrics
      .map((m) => `\`${describeMetric(m).render.label}\`: ${describeMetric(m).render.legend}`)
      .join('; ') +
    '.';
  const missing = missingValues(cases, metrics);
  return [`${header}\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`, explain, missing]
    .filter((s) => s !== '')
    .join('\n\n');
}

/** A line per metric some summarized cases have no value of (its scorer failed for them), naming how many. */
function missingValues(cases: CaseAccess, metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    let count = 0;
    for (let position = 0; position < cases.size; position++)
      if (cases.hasScores(position) && cases.value(position, metric) === undefined) count++;
    if (count > 0)
      lines.push(
        `> \`${describeMetric(metric).render.label}\` has no value for ${count} of ${cases.scoredCount} scored cases (see each case's metricErrors in scores.json); its mean covers the rest.`,
      );
  }
  return lines.join('\n>\n');
}

function intervalCell(metric: Metric, interval: Interval | undefined): string {
  if (!interval) return '—';
  const { format } = describeMetric(metric).render;
  return `${format(interval.mean)} [${format(interval.low)}, ${format(interval.high)}]`;
}

function deltaCell(metric: Metric, delta: Interval | undefined, gate: GateOutcome | undefined): string {
  if (!delta) return 'no baseline';
  const { formatDelta } = describeMetric(metric).render;
  const text = `${formatDelta(delta.mean)} [${formatDelta(delta.low)}, ${formatDelta(delta.high)}]`;
  return gate && !gate.passed ? `${text} 🔻` : text;
}

function gateFor(result: EvalRun, kind: GateOutcome['kind'], metric?: Metric): GateOutcome | undefined {
  return result.gates.find((g) => g.kind === kind && g.metric === metric);
}

/** The provider's summarize latency over the cases, and the latency gate when one was set. */
export function renderLatency(result: EvalRun): string {
  const latency = result.latency;
  if (!latency) return '';
  const gate = gateFor(result, 'latency');
  const limit = gate ? ` (limit p95 ≤ ${gate.limit} ms ${gate.passed ? '✅' : '❌'})` : '';
  return `Summarize latency of \`${codeText(result.provider.name)}\` over ${latency.cases} cases: p50 ${ms(latency.p50Ms)}, p95 ${ms(latency.p95Ms)}${limit}.`;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** Each metric per fixture tag (mean and CI), the most frequent tags first; tags are fixture text, escaped. */
export function renderTagTable(result: EvalRun): string {
  const view = result.byTag;
  if (!view || view.tags.length === 0) return '';
  const metrics = result.settings.metrics;
  const header = `| tag | cases | ${metrics.map((m) => describeMetric(m).render.label).join(' | ')} |`;
  const rule = `|---|---:|${metrics.map(() => '---:').join('|')}|`;
  const rows = view.tags.map(
    (t) =>
      `| ${escapeMarkdown(t.tag) || '—'} | ${t.cases} | ${metrics.map((m) => intervalCell(m, t.aggregate[m])).join(' | ')} |`,
  );
  const more =
    view.omitted > 0
      ? `\n\n_${view.omitted} less frequent tag${view.omitted === 1 ? '' : 's'} not shown._`
      : '';
  return `### By tag\n\n${header}\n${rule}\n${rows.join('\n')}${more}`;
}

/** Text for a code span: Markdown, entities and mentions are inert there; only a backtick could close it. */
export function codeText(text: string): string {
  return stripControlCharacters(text).replace(/\s+/g, ' ').trim().replace(/`/g, "'");
}
