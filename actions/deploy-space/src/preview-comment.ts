import type { DeployReport } from '#lib/deploy/deploy-report';
import { PREVIEW_COMMENT_MARKER } from '#lib/deploy/preview';
import { createOctokit } from '#lib/github/octokit';
import { escapeMarkdown } from '#lib/markdown/index';
import type { ActionLog, RunContext } from '#action-support/job';
import { postStickyComment } from '#action-support/sticky-comment';

/** The PR's sticky comment pointing at its preview Space; its URL, or undefined when there was no right to post. */
export async function commentPreview(
  report: DeployReport,
  context: { githubToken: string; prNumber: number; run: RunContext; log: ActionLog },
): Promise<string | undefined> {
  const { run, log } = context;
  if (context.githubToken === '') {
    log.notice('No github-token, so the preview link is only in the job summary.');
    return undefined;
  }
  const comment = await postStickyComment({
    octokit: createOctokit({ token: context.githubToken, baseUrl: run.apiUrl, logger: log }),
    owner: run.owner,
    repo: run.repo,
    issueNumber: context.prNumber,
    marker: PREVIEW_COMMENT_MARKER,
    body: previewCommentBody(report),
    log,
    whereInstead: 'The preview link is in the job summary.',
  });
  return comment?.url;
}

function previewCommentBody(report: DeployReport): string {
  return [
    `**Preview Space** for this PR: [${escapeMarkdown(report.spaceId)}](${report.url})`,
    '',
    `Stage ${escapeMarkdown(report.stage ?? 'unknown')}, smoke test ${report.smoke}` +
      (report.sync.commit
        ? `, Space commit [\`${report.sync.commit.slice(0, 12)}\`](${report.commitUrl ?? report.url})`
        : ', unchanged') +
      '. It is deleted when the PR closes.',
  ].join('\n');
}
