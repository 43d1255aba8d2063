import { points } from '#lib/evaluate/gates';
import type { EvalRun } from '#lib/evaluate/case-access';
import type { Metric } from '#lib/evaluate/types';
import type { HistoryRecord } from './record';
import { historySeries } from './series';

const DEFAULT_CHART_RUNS = 10;

/**
 * A commit as a chart label: hex digits only. Labels sit inside a quoted Mermaid string and a Markdown table, and
 * records come from a file anyone with push access could edit, so nothing but [0-9a-f] gets through.
 */
function shortSha(sha: string): string {
  return (
    sha
      .replace(/[^0-9a-f]/gi, '')
      .slice(0, 7)
      .toLowerCase() || '?'
  );
}

/** A finite number in ROUGE points with two decimals (Mermaid and the table both read it). */
function value(fraction: number): string {
  return Number.isFinite(fraction) ? points(fraction) : '0.00';
}

/**
 * "Trend" section of the report: the last N main evaluations and deploys of the same fixture set, with this run
 * as the last point, as a Mermaid `xychart-beta` (GitHub renders it in comments and job summaries) and the same
 * numbers as a compact table for readers without Mermaid. Deploys are marked "▲". Empty when the history holds no
 * record of this run's fixture set; records of other sets are counted, never drawn.
 */
export function renderTrendSection(
  result: EvalRun,
  records: readonly HistoryRecord[],
  options: { metric?: Metric; last?: number; label?: string } = {},
): string {
  const metric = options.metric ?? 'rouge1';
  const fixtureSet = result.fixtureSet?.hash;
  if (!fixtureSet) return '';
  const series = historySeries(records, { metric, fixtureSet, last: options.last ?? DEFAULT_CHART_RUNS });
  const others = records.filter((r) => r.fixtureSet !== fixtureSet).length;
  const otherNote =
    others > 0
      ? `_${others} history record${others === 1 ? '' : 's'} of other fixture sets left out: they measure other cases._`
      : '';
  if (series.length === 0) return otherNote ? `### Trend\n\n${otherNote}` : '';

  const current = options.label ?? 'this run';
  const labels = [...series.map((p) => `${p.kind === 'deploy' ? '▲ ' : ''}${shortSha(p.gitSha)}`), current];
  const values = [...series.map((p) => p.mean), result.aggregate[metric].mean];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const yMin = Math.max(0, Math.floor(low * 100) - 2);
  const yMax = Math.min(100, Math.ceil(high * 100) + 2);
  const chart = [
    '```mermaid',
    'xychart-beta',
    `  title "${metric} mean F×100: last ${series.length} main runs (▲ deploy) and ${current}"`,
    `  x-axis [${labels.map((l) => `"${l}"`).join(', ')}]`,
    `  y-axis "${metric} F×100" ${yMin} --> ${yMax}`,
    `  line [${values.map(value).join(', ')}]`,
    '```',
  ].join('\n');
  const table = [
    `| ${metric} | ${labels.map((l, i) => (i === labels.length - 1 ? `**${l}**` : l)).join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
    `| mean F×100 | ${values.map((v, i) => (i === values.length - 1 ? `**${value(v)}**` : value(v))).join(' | ')} |`,
  ].join('\n');
  return ['### Trend', chart, table, otherNote].filter((s) => s !== '').join('\n\n');
}
