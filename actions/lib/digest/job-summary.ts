import { escapeMarkdown } from '#lib/markdown/index';
import type { DigestResult, DigestStatus } from './run-digest';

const ORDER: DigestStatus[] = ['created', 'updated', 'unchanged', 'drifted', 'gone', 'failed'];

export function countByStatus(results: readonly DigestResult[]): Record<DigestStatus, number> {
  const counts = Object.fromEntries(ORDER.map((status) => [status, 0])) as Record<DigestStatus, number>;
  for (const result of results) counts[result.status]++;
  return counts;
}

/** The job summary: a count line and one table row per URL with its outcome and reason, all text escaped. */
export function renderDigestSummary(
  results: readonly DigestResult[],
  options: { dryRun: boolean; repoUrl: string; deferred: number },
): string {
  const counts = countByStatus(results);
  const line = ORDER.filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${status}`)
    .join(', ');
  const rows = results.map((result) => {
    const issue =
      result.issue === null ? '—' : `[#${result.issue}](${options.repoUrl}/issues/${result.issue})`;
    return `| ${escapeMarkdown(result.url)} | ${result.status} | ${issue} | ${escapeMarkdown(result.reason ?? '')} |`;
  });
  return [
    `## sumops digest${options.dryRun ? ' (dry run: nothing was written)' : ''}`,
    '',
    `${results.length} URLs: ${line || 'nothing to do'}.${options.deferred > 0 ? ` ${options.deferred} more wait for the next run (max-items).` : ''}`,
    '',
    '| URL | Status | Issue | Reason |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
