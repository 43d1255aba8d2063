import { escapeMarkdown } from '#lib/markdown/index';
import type { EvalRun } from './case-access';
import { casesOf } from './case-access';
import { listIds } from './list-ids';
import { renderFindings } from './report-findings';
import { renderJudgeSection } from './report-judge';
import { baselineCasesById, orderCases, renderPreview } from './report-previews';
import { codeText, renderLatency, renderTable, renderTagTable } from './report-table';

/** GitHub rejects comment bodies over 65,536 characters; stay clear of it. */
const DEFAULT_REPORT_MAX_CHARS = 65_000;
/** The share of the room left after the tables that the findings (possible hallucinations) may take. */
const FINDINGS_SHARE = 0.45;

export interface ReportOptions {
  /** Link to the workflow run (or any page with the artifacts). */
  runUrl?: string;
  /** An HTML comment (or a bare name, wrapped as one) appended to find this comment again. */
  marker?: string;
  /** A section placed after the aggregate table (the score-history trend chart), already escaped by its renderer. */
  trend?: string;
  /** Upper bound on the body length; findings and previews are dropped from the end to fit. Default 65,000. */
  maxChars?: number;
  /** At most this many case previews, and cases with findings (the rest are in scores.json). Default: as fit. */
  maxPreviews?: number;
}

/**
 * The PR comment / job summary / report.md body: verdict first, the aggregate table (a column per metric), notes,
 * latency, the per-tag view, the trend, then each metric's findings (faithfulness: possible hallucinations, spans
 * marked) and per-case previews (worst first) in collapsed <details>, then run link, settings and the marker.
 * Every string that came from a page, a model or a fixture is escaped.
 */
export function renderReport(result: EvalRun, options: ReportOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_REPORT_MAX_CHARS;
  const cases = casesOf(result);
  const head = [
    renderVerdict(result, cases.scoredCount),
    renderTable(result, cases),
    renderNotes(result),
    renderJudgeSection(result, cases),
    renderLatency(result),
    renderTagTable(result),
    options.trend ?? '',
  ]
    .filter((s) => s !== '')
    .join('\n\n');
  const tail = [renderFooter(result, options.runUrl), renderMarker(options.marker)]
    .filter((s) => s !== '')
    .join('\n\n');
  const maxPreviews = options.maxPreviews ?? Number.POSITIVE_INFINITY;
  // report.md (the one capped by count) lists the rest in scores.json; the comment points to both files.
  const where = options.maxPreviews === undefined ? 'the artifact (scores.json, report.md)' : 'scores.json';
  const baselineCases = baselineCasesById(result.baseline);

  const room = maxChars - head.length - tail.length - 4;
  const findings = renderFindings(result, cases, baselineCases, {
    maxChars: Number.isFinite(room) ? Math.max(0, Math.floor(room * FINDINGS_SHARE)) : room,
    maxCases: maxPreviews,
    where,
  });

  const sortMetric = result.settings.metrics[0] ?? 'rouge1';
  const ordered = orderCases(cases, baselineCases, sortMetric);
  const previews: string[] = [];
  const heading = `### Cases (${result.baseline ? 'worst Δ first' : 'lowest score first'})`;
  let used = head.length + tail.length + heading.length + 8 + (findings ? findings.length + 2 : 0);
  const moreCasesLine = (count: number): string =>
    `_${count} more case${count === 1 ? '' : 's'} in ${where}._`;
  for (const [index, position] of ordered.entries()) {
    if (index >= maxPreviews) break;
    // Only the previewed cases become objects (a merge keeps the rest as bytes).
    const preview = renderPreview(cases.at(position), baselineCases, result.settings.metrics, sortMetric);
    const remaining = ordered.length - index - 1;
    // Keep room for the "N more cases" line in case a later preview doesn't fit.
    const reserve = remaining > 0 ? moreCasesLine(remaining + 1).length + 2 : 0;
    if (used + preview.length + 2 + reserve > maxChars) break;
    previews.push(preview);
    used += preview.length + 2;
  }
  const dropped = ordered.length - previews.length;
  const body = [head];
  if (findings) body.push(findings);
  if (ordered.length > 0) {
    body.push(heading);
    if (previews.length > 0) body.push(previews.join('\n\n'));
    if (dropped > 0) body.push(moreCasesLine(dropped));
  }
  body.push(tail);
  return `${body.join('\n\n')}\n`;
}

function renderVerdict(result: EvalRun, scored: number): string {
  const failing = result.gates.filter((g) => !g.passed);
  if (failing.length === 0) {
    return `## ✅ sumops eval passed\n\nAll gates passed (${result.gates.length} checked) on ${scored} cases.`;
  }
  const lines = failing.map((g) => `- ❌ ${escapeMarkdown(g.message)}`);
  return `## ❌ sumops eval failed\n\n${failing.length} of ${result.gates.length} gates failed:\n\n${lines.join('\n')}`;
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

function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  return new URL(url).href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function renderMarker(marker: string | undefined): string {
  if (!marker) return '';
  if (/^<!--[\s\S]*-->$/.test(marker)) return marker;
  return `<!-- ${marker.replace(/--+>?/g, '-')} -->`;
}
