import type { DeployReport } from '#lib/deploy/deploy-space';
import { describeFailure, describeRollback } from '#lib/deploy/deploy-report';
import { points } from '#lib/evaluate/index';
import { escapeHtml, escapeMarkdown } from '#lib/markdown/index';

/** Paths listed per kind; the counts stay exact. */
const MAX_LISTED_PATHS = 100;

/** The job summary: what changed, where it went, whether it runs and answers, and what it scored. */
export function renderDeploySummary(report: DeployReport): string {
  const { sync } = report;
  const commit = sync.commit
    ? `[\`${sync.commit.slice(0, 12)}\`](${report.commitUrl ?? report.url})`
    : report.dryRun
      ? 'dry run: nothing written'
      : `nothing changed: no commit${report.spaceCommit ? ` (runs \`${report.spaceCommit.slice(0, 12)}\`)` : ''}`;
  const verdict =
    report.outcome === 'failed'
      ? '❌ failed'
      : report.outcome === 'unchanged'
        ? '✅ up to date'
        : '✅ deployed';
  const lines = [
    `## Deploy to ${escapeMarkdown(report.spaceId)}: ${verdict}`,
    '',
    '| | |',
    '|---|---|',
    `| Space | [${escapeMarkdown(report.spaceId)}](${report.url}) |`,
    `| Space commit | ${commit} |`,
    `| Files | ${sync.added.length} added, ${sync.updated.length} updated, ${sync.deleted.length} deleted, ${sync.unchanged} unchanged |`,
    `| Stage | ${escapeMarkdown(report.stage ?? '—')} |`,
    `| Smoke test | ${report.smoke} |`,
    `| Rolled back | ${report.rolledBack && report.rollback ? `yes: ${escapeMarkdown(describeRollback(report.rollback))}` : 'no'} |`,
    '',
  ];
  for (const [label, paths] of [
    ['Added', sync.added],
    ['Updated', sync.updated],
    ['Deleted', sync.deleted],
  ] as const) {
    if (paths.length === 0) continue;
    const listed = paths.slice(0, MAX_LISTED_PATHS).map((path) => `- ${escapeMarkdown(path)}`);
    if (paths.length > MAX_LISTED_PATHS) listed.push(`- … and ${paths.length - MAX_LISTED_PATHS} more`);
    lines.push(`<details><summary>${label} (${paths.length})</summary>`, '', ...listed, '', '</details>', '');
  }
  if (report.failure) lines.push(...failureSection(report), '');
  if (report.smokeSummary)
    lines.push(
      `Smoke test summary: ${escapeMarkdown(report.smokeSummary.replace(/\s+/g, ' ').slice(0, 300))}`,
      '',
    );
  if (report.evaluation) {
    const result = report.evaluation;
    const scored = result.cases.filter((c) => c.scores).length;
    lines.push(
      '### Evaluation of the live Space',
      '',
      `${scored}/${result.cases.length} cases scored.`,
      '',
      '| metric | mean ×100 | 95% CI |',
      '|---|---|---|',
      ...result.settings.metrics.flatMap((metric) => {
        const a = result.aggregate[metric];
        return a ? [`| ${metric} | ${points(a.mean)} | [${points(a.low)}, ${points(a.high)}] |`] : [];
      }),
      '',
    );
  } else if (report.evaluationError) {
    lines.push(`The live evaluation failed: ${escapeMarkdown(report.evaluationError)}`, '');
  }
  return `${lines.join('\n')}\n`;
}

function failureSection(report: DeployReport): string[] {
  const failure = report.failure;
  if (!failure) return [];
  const lines = ['### What failed', '', escapeMarkdown(failure.error.message), ''];
  if (failure.kind === 'build' && failure.error.log && failure.error.log.lines.length > 0) {
    const log = failure.error.log;
    lines.push(
      `Last ${log.lines.length} lines of the ${log.kind} log${log.truncated ? ' (cut at the read limit)' : ''}:`,
      '',
      // One escaped line per log line; a blank line would end the HTML block early.
      `<pre>${log.lines
        .map((line) => escapeHtml(line))
        .filter((line) => line !== '')
        .join('\n')}</pre>`,
      '',
    );
  }
  const rollback = report.rollback;
  if (rollback?.error) lines.push(`**Rollback failed:** ${escapeMarkdown(rollback.error)}`);
  else if (rollback) {
    lines.push(
      `**Rolled back** ${escapeMarkdown(describeRollback(rollback))} because ${describeFailure(failure)}; the Space is ${escapeMarkdown(rollback.stage ?? 'unknown')} again.`,
    );
  }
  return lines;
}
