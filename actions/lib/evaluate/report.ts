import {
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownLines,
  escapeTruncated,
  stripControlCharacters,
} from '#lib/markdown/index';
import { points, signedPoints } from './gates';
import { listIds } from './list-ids';
import type { CaseAccess, EvalRun } from './case-access';
import { casesOf } from './case-access';
import type { CaseResult, EvalResult, GateOutcome, Metric } from './types';

/** GitHub rejects comment bodies over 65,536 characters; stay clear of it. */
const DEFAULT_REPORT_MAX_CHARS = 65_000;
const PREVIEW_CHARS = 700;
/** The metric previews are sorted and labelled by. */
const SORT_METRIC: Metric = 'rouge1';

export interface ReportOptions {
  /** Link to the workflow run (or any page with the artifacts). */
  runUrl?: string;
  /** An HTML comment (or a bare name, wrapped as one) appended to find this comment again. */
  marker?: string;
  /** A section placed after the aggregate table (the score-history trend chart), already escaped by its renderer. */
  trend?: string;
  /** Upper bound on the body length; previews are dropped from the end to fit. Default 65,000. */
  maxChars?: number;
  /** At most this many case previews (the rest are in scores.json). Default: as many as fit maxChars. */
  maxPreviews?: number;
}

/**
 * The PR comment / job summary / report.md body: verdict first, the aggregate table, then per-case previews
 * (worst delta first) in collapsed <details>, then run link, settings and the marker. Every string that came from a
 * page, a model or a fixture is escaped.
 */
export function renderReport(result: EvalRun, options: ReportOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_REPORT_MAX_CHARS;
  const head = [renderVerdict(result), renderTable(result), renderNotes(result), options.trend ?? '']
    .filter((s) => s !== '')
    .join('\n\n');
  const tail = [renderFooter(result, options.runUrl), renderMarker(options.marker)]
    .filter((s) => s !== '')
    .join('\n\n');

  const baselineCases = baselineCasesById(result);
  const cases = casesOf(result);
  const ordered = orderCases(cases, baselineCases);
  const previews: string[] = [];
  const heading = `### Cases (${result.baseline ? 'worst Δ first' : 'lowest score first'})`;
  let used = head.length + tail.length + heading.length + 8;
  const maxPreviews = options.maxPreviews ?? Number.POSITIVE_INFINITY;
  // report.md (the one capped by count) lists the rest in scores.json; the comment points to both files.
  const moreCasesLine = (count: number): string =>
    `_${count} more case${count === 1 ? '' : 's'} in ${options.maxPreviews === undefined ? 'the artifact (scores.json, report.md)' : 'scores.json'}._`;
  for (const [index, position] of ordered.entries()) {
    if (index >= maxPreviews) break;
    // Only the previewed cases become objects (a merge keeps the rest as bytes).
    const preview = renderPreview(cases.at(position), baselineCases);
    const remaining = ordered.length - index - 1;
    // Keep room for the "N more cases" line in case a later preview doesn't fit.
    const reserve = remaining > 0 ? moreCasesLine(remaining + 1).length + 2 : 0;
    if (used + preview.length + 2 + reserve > maxChars) break;
    previews.push(preview);
    used += preview.length + 2;
  }
  const dropped = ordered.length - previews.length;
  const body = [head];
  if (ordered.length > 0) {
    body.push(heading);
    if (previews.length > 0) body.push(previews.join('\n\n'));
    if (dropped > 0) body.push(moreCasesLine(dropped));
  }
  body.push(tail);
  return `${body.join('\n\n')}\n`;
}

function renderVerdict(result: EvalRun): string {
  const failing = result.gates.filter((g) => !g.passed);
  const scored = casesOf(result).scoredCount;
  if (failing.length === 0) {
    return `## ✅ sumops eval passed\n\nAll gates passed (${result.gates.length} checked) on ${scored} cases.`;
  }
  const lines = failing.map((g) => `- ❌ ${escapeMarkdown(g.message)}`);
  return `## ❌ sumops eval failed\n\n${failing.length} of ${result.gates.length} gates failed:\n\n${lines.join('\n')}`;
}

function renderTable(result: EvalRun): string {
  const metrics = result.settings.metrics;
  const confidence = Math.round(result.settings.confidence * 100);
  const rows: string[][] = [];
  rows.push([
    `mean [${confidence}% CI]`,
    ...metrics.map((m) =>
      interval(result.aggregate[m].mean, result.aggregate[m].low, result.aggregate[m].high),
    ),
  ]);
  const baseline = result.baseline;
  if (baseline) {
    rows.push(['baseline mean', ...metrics.map((m) => points(baseline.aggregate[m].mean))]);
    rows.push([
      `Δ [${confidence}% CI]`,
      ...metrics.map((m) => deltaCell(baseline.deltas[m], gateFor(result, 'regression', m))),
    ]);
  }
  const thresholds = metrics.map((m) => gateFor(result, 'threshold', m));
  if (thresholds.some((g) => g !== undefined)) {
    rows.push([
      'threshold',
      ...thresholds.map((g) => (g ? `≥ ${points(g.limit)} ${g.passed ? '✅' : '❌'}` : '—')),
    ]);
  }
  const header = `| | ${metrics.join(' | ')} |\n|---|${metrics.map(() => '---:').join('|')}|`;
  const scored = casesOf(result).scoredCount;
  const explain =
    `Mean F-measure ×100 over ${scored} scored cases${baseline ? ` (baseline and Δ over the ${baseline.paired} cases both sides scored; paired bootstrap)` : ''}. ` +
    '`rougeL` is whole-text LCS; `rougeLsum` is per-line LCS with one sentence per line (what papers report as ROUGE-L).';
  return `${header}\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n${explain}`;
}

function interval(mean: number, low: number, high: number): string {
  return `${points(mean)} [${points(low)}, ${points(high)}]`;
}

function deltaCell(
  delta: { mean: number; low: number; high: number },
  gate: GateOutcome | undefined,
): string {
  const text = `${signedPoints(delta.mean)} [${signedPoints(delta.low)}, ${signedPoints(delta.high)}]`;
  return gate && !gate.passed ? `${text} 🔻` : text;
}

function gateFor(result: EvalRun, kind: GateOutcome['kind'], metric: Metric): GateOutcome | undefined {
  return result.gates.find((g) => g.kind === kind && g.metric === metric);
}

function renderNotes(result: EvalRun): string {
  const notes: string[] = [];
  const baseline = result.baseline;
  if (baseline) {
    notes.push(...baseline.notes);
    if (baseline.onlyCandidate.length > 0)
      notes.push(`only this run scored: ${listIds(baseline.onlyCandidate, 10)}`);
    if (baseline.onlyBaseline.length > 0)
      notes.push(`only the baseline scored: ${listIds(baseline.onlyBaseline, 10)}`);
  }
  return notes.map((n) => `> ${escapeMarkdown(n)}`).join('\n>\n');
}

type BaselineCase = NonNullable<EvalResult['baseline']>['cases'][number];

/** Looked up once per case while sorting and previewing: a scan of the list each time is quadratic in the cases. */
function baselineCasesById(result: EvalRun): Map<string, BaselineCase> {
  const byId = new Map<string, BaselineCase>();
  // The first entry of an id wins, as a search of the list would find it.
  for (const b of result.baseline?.cases ?? []) if (!byId.has(b.id)) byId.set(b.id, b);
  return byId;
}

function caseDelta(c: CaseResult, baselineCases: Map<string, BaselineCase>): number | undefined {
  const base = baselineCases.get(c.id);
  const score = c.scores?.[SORT_METRIC].fmeasure;
  return base && score !== undefined ? score - base.fmeasure[SORT_METRIC] : undefined;
}

/** Positions of the cases: errored first, then the largest drops against the baseline, then the lowest scores. */
function orderCases(cases: CaseAccess, baselineCases: Map<string, BaselineCase>): number[] {
  // Keys computed once per case, not once per comparison; ties keep the fixture set's order.
  const group = new Uint8Array(cases.size);
  const value = new Float64Array(cases.size);
  for (let position = 0; position < cases.size; position++) {
    const score = cases.fmeasure(position, SORT_METRIC);
    if (!cases.hasScores(position) || score === undefined) continue;
    const base = baselineCases.get(cases.id(position));
    group[position] = base ? 1 : 2;
    value[position] = base ? score - base.fmeasure[SORT_METRIC] : score;
  }
  const order = Array.from({ length: cases.size }, (_, position) => position);
  order.sort(
    (a, b) =>
      (group[a] as number) - (group[b] as number) || (value[a] as number) - (value[b] as number) || a - b,
  );
  return order;
}

function renderPreview(c: CaseResult, baselineCases: Map<string, BaselineCase>): string {
  const id = escapeHtml(c.id);
  let label: string;
  if (!c.scores) label = `⚠️ ${id}: error`;
  else {
    const delta = caseDelta(c, baselineCases);
    label = `${id}: ${SORT_METRIC} ${points(c.scores[SORT_METRIC].fmeasure)}${delta !== undefined ? ` (Δ ${signedPoints(delta)})` : ''}`;
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

function renderFooter(result: EvalRun, runUrl: string | undefined): string {
  const provider = result.provider;
  const parts = [
    `Provider \`${codeText(provider.name)}\`, model \`${codeText(provider.model)}\`${provider.space ? ` (Space \`${codeText(provider.space)}\`)` : ''}`,
    `stemming ${result.settings.stemmer ? 'on' : 'off'}`,
    `${Math.round(result.settings.confidence * 100)}% CI from ${result.settings.bootstrapSamples} bootstrap resamples, seed ${result.settings.seed}`,
  ];
  if (result.gitSha) parts.push(`commit \`${codeText(result.gitSha.slice(0, 12))}\``);
  const baseline = result.baseline;
  if (baseline) {
    const from =
      baseline.source.kind === 'file'
        ? `file \`${codeText(baseline.source.path)}\``
        : 'evaluated side by side';
    const sha = baseline.gitSha ? ` at \`${codeText(baseline.gitSha.slice(0, 12))}\`` : '';
    const when = baseline.createdAt ? `, created ${escapeMarkdown(baseline.createdAt)}` : '';
    parts.push(
      `baseline \`${codeText(baseline.provider.name)}\`/\`${codeText(baseline.provider.model)}\` (${from}${sha}${when})`,
    );
  }
  const link = safeUrl(runUrl);
  if (link) parts.push(`[workflow run](${link})`);
  return `---\n\n${parts.join(' · ')}`;
}

/** Text for a code span: Markdown, entities and mentions are inert there; only a backtick could close it. */
function codeText(text: string): string {
  return stripControlCharacters(text).replace(/\s+/g, ' ').trim().replace(/`/g, "'");
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  return new URL(url).href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function renderMarker(marker: string | undefined): string {
  if (!marker) return '';
  if (/^<!--[\s\S]*-->$/.test(marker)) return marker;
  return `<!-- ${marker.replace(/--+>?/g, '-')} -->`;
}
