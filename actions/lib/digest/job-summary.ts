import { escapeMarkdown, escapeMarkdownLines, escapeTruncated } from '#lib/markdown/index';
import type { DigestResult, DigestStatus } from './types';

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
    ...summaries(results),
  ].join('\n');
}

/** GitHub caps a step summary at 1 MiB; each summary gets a share well under it. */
const MAX_SUMMARY_CHARS = 2000;
const MAX_SUMMARIES = 200;

function summaries(results: readonly DigestResult[]): string[] {
  const fresh = results.filter((result) => result.summary).slice(0, MAX_SUMMARIES);
  if (fresh.length === 0) return [];
  return [
    '### Summaries',
    '',
    ...fresh.flatMap((result) => [
      `**${escapeMarkdown(result.summary?.title || result.url)}** (${escapeMarkdown(result.url)})`,
      '',
      escapeTruncated(result.summary?.text ?? '', MAX_SUMMARY_CHARS, escapeMarkdownLines) ||
        '_empty summary_',
      '',
    ]),
  ];
}
