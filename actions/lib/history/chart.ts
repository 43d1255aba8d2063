import type { EvalRun } from '#lib/evaluate/case-access';
import type { Metric } from '#lib/evaluate/metrics/registry';
import { describeMetric } from '#lib/evaluate/metrics/registry';
import type { Interval } from '#lib/evaluate/types';
import type { HistoryRecord } from './record';

const DEFAULT_CHART_RUNS = 10;

/**
 * The chart's look, as GitHub renders Mermaid: its default theme draws the first line in a pale lavender
 * (#ECECFF) hairline. A strong blue mean over two faint lines (the CI's ends), on a white panel with dark text so
 * it reads the same in light and dark mode, with axis labels at 16 px (about 12 pt where GitHub shows the chart
 * at its full width). Lines take the palette's colours in the order they are drawn: high, low, mean.
 */
const CHART_INIT = JSON.stringify({
  theme: 'base',
  themeVariables: {
    xyChart: {
      backgroundColor: '#ffffff',
      titleColor: '#1f2328',
      xAxisLabelColor: '#1f2328',
      xAxisTitleColor: '#1f2328',
      xAxisTickColor: '#59636e',
      xAxisLineColor: '#59636e',
      yAxisLabelColor: '#1f2328',
      yAxisTitleColor: '#1f2328',
      yAxisTickColor: '#59636e',
      yAxisLineColor: '#59636e',
      plotColorPalette: '#a8c8f0, #a8c8f0, #0550ae',
    },
  },
  xyChart: {
    width: 640,
    height: 320,
    titleFontSize: 18,
    xAxis: { labelFontSize: 16, titleFontSize: 16 },
    yAxis: { labelFontSize: 16, titleFontSize: 16 },
  },
});

/**
 * A commit as table text: hex digits only. Records come from a file anyone with push access could edit, so
 * nothing but [0-9a-f] gets through.
 */
function shortSha(sha: string): string {
  return (
    sha
      .replace(/[^0-9a-f]/gi, '')
      .slice(0, 7)
      .toLowerCase() || '?'
  );
}

/** A finite fraction as the metric shows it (Mermaid and the table both read it). */
function value(metric: Metric, fraction: number): string {
  return describeMetric(metric).render.format(Number.isFinite(fraction) ? fraction : 0);
}

interface Column {
  /** The x-axis label: the run's number, ▲ for a deploy; the current run's is short too. */
  axis: string;
  commit: string;
  aggregate: Partial<Record<Metric, Interval>>;
  p95Ms?: number;
}

/**
 * "Trend" section of the report: the last N main evaluations and deploys of the same fixture set, with this run
 * as the last point. A Mermaid `xychart-beta` per metric the registry charts (GitHub renders it in comments and job
 * summaries): the mean as a strong line between two faint ones, the CI's ends; the x-axis numbers the runs (▲
 * marks a deploy), and a table below maps each number to its commit and gives every metric's mean and the p95
 * latency. Empty when the history holds no record of this run's fixture set; records of other sets are counted,
 * never drawn. Only numbers and hex commit digits of the history reach the output.
 */
export function renderTrendSection(
  result: EvalRun,
  records: readonly HistoryRecord[],
  options: { metrics?: readonly Metric[]; last?: number; label?: string } = {},
): string {
  const fixtureSet = result.fixtureSet?.hash;
  if (!fixtureSet) return '';
  const mine = records.filter((r) => r.fixtureSet === fixtureSet);
  const runs = mine.slice(Math.max(0, mine.length - (options.last ?? DEFAULT_CHART_RUNS)));
  const others = records.length - mine.length;
  const otherNote =
    others > 0
      ? `_${others} history record${others === 1 ? '' : 's'} of other fixture sets left out: they measure other cases._`
      : '';
  if (runs.length === 0) return otherNote ? `### Trend\n\n${otherNote}` : '';

  const current = options.label ?? 'this run';
  const columns: Column[] = [
    ...runs.map((r, i) => ({
      axis: `${i + 1}${r.kind === 'deploy' ? '▲' : ''}`,
      commit: shortSha(r.gitSha),
      aggregate: r.aggregate,
      ...(r.latency ? { p95Ms: r.latency.p95Ms } : {}),
    })),
    {
      axis: /\bPR\b/.test(current) ? 'PR' : 'now',
      commit: result.gitSha ? shortSha(result.gitSha) : current,
      aggregate: result.aggregate,
      ...(result.latency ? { p95Ms: result.latency.p95Ms } : {}),
    },
  ];
  const metrics = result.settings.metrics;
  const charted = (options.metrics ?? metrics.filter((m) => describeMetric(m).render.trendChart)).filter(
    (m) => runs.some((r) => r.aggregate[m]),
  );
  const charts = charted.map((metric) => chart(metric, columns, runs.length, current));
  return ['### Trend', ...charts, table(metrics, columns), otherNote].filter((s) => s !== '').join('\n\n');
}

function chart(metric: Metric, columns: readonly Column[], runs: number, current: string): string {
  const points = columns.flatMap((c) => {
    const a = c.aggregate[metric];
    return a ? [{ axis: c.axis, ...a }] : [];
  });
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    for (const v of [p.low, p.high, p.mean]) {
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  const yMin = Math.max(0, Math.floor(low * 100) - 2);
  const yMax = Math.min(100, Math.ceil(high * 100) + 2);
  const { label } = describeMetric(metric).render;
  const line = (pick: (p: Interval) => number) =>
    `  line [${points.map((p) => value(metric, pick(p))).join(', ')}]`;
  return [
    '```mermaid',
    `%%{init: ${CHART_INIT}}%%`,
    'xychart-beta',
    `  title "${label} ×100: last ${runs} main runs (▲ deploy), ${current}; faint: 95% CI"`,
    `  x-axis [${points.map((p) => `"${p.axis}"`).join(', ')}]`,
    `  y-axis "${label}" ${yMin} --> ${yMax}`,
    line((p) => p.high),
    line((p) => p.low),
    line((p) => p.mean),
    '```',
  ].join('\n');
}

/**
 * The numbers of the charts, a row per run (oldest first, this run last and bold): its commit, every metric's mean
 * and the p95 latency. Runs as rows keep the table narrow whatever the number of runs.
 */
function table(metrics: readonly Metric[], columns: readonly Column[]): string {
  const last = columns.length - 1;
  const latency = columns.some((c) => c.p95Ms !== undefined);
  const header = [
    'run',
    'commit',
    ...metrics.map((m) => describeMetric(m).render.label),
    ...(latency ? ['p95 latency'] : []),
  ];
  const rows = columns.map((c, i) => {
    const cells = [
      c.axis,
      c.commit,
      ...metrics.map((metric) => {
        const a = c.aggregate[metric];
        return a ? value(metric, a.mean) : '—';
      }),
      ...(latency ? [c.p95Ms === undefined ? '—' : `${Math.round(c.p95Ms)} ms`] : []),
    ];
    return `| ${cells.map((cell) => (i === last ? `**${cell}**` : cell)).join(' | ')} |`;
  });
  return [
    `| ${header.join(' | ')} |`,
    `|---|---|${header
      .slice(2)
      .map(() => '---:')
      .join('|')}|`,
    ...rows,
  ].join('\n');
}
