import { SpaceTagMismatchError } from '#lib/deploy/errors';
import { PREVIEW_COMMENT_MARKER, previewSpaceId, previewTag } from '#lib/deploy/preview';
import { deletePreviewSpace, sweepPreviews } from '#lib/deploy/preview-cleanup';
import type { GitHubClient } from '#lib/github/octokit';
import { createOctokit } from '#lib/github/octokit';
import { escapeMarkdown } from '#lib/markdown/index';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import { postStickyComment } from '#action-support/sticky-comment';
import type { SpacePreviewInputs } from './inputs';

/**
 * The space-preview action's job: delete one PR's preview Space when the PR closes (only a Space carrying this
 * repository's preview tag), or sweep old previews whose PR is closed. Returns the deleted Spaces and a summary.
 */
export async function previewJob(
  inputs: SpacePreviewInputs,
  run: RunContext,
  log: ActionLog,
  now: number,
): Promise<ActionOutcome> {
  const access = { hubUrl: inputs.hubUrl, accessToken: inputs.hfToken };
  const octokit = createOctokit({ token: inputs.githubToken, baseUrl: run.apiUrl, logger: log });
  const repository = `${run.owner}/${run.repo}`;

  if (inputs.command === 'delete') {
    const preview = previewSpaceId(inputs.space, inputs.prNumber);
    let deleted: boolean;
    try {
      deleted = await deletePreviewSpace(access, preview, previewTag(repository, inputs.prNumber));
    } catch (error) {
      if (!(error instanceof SpaceTagMismatchError)) throw error;
      return { outputs: { deleted: '' }, warnings: [`Not deleting ${preview}: ${error.message}.`] };
    }
    log.info(
      deleted ? `deleted the preview Space ${preview}` : `the preview Space ${preview} was already gone`,
    );
    const outcome: ActionOutcome = {
      outputs: { deleted: deleted ? preview : '' },
      summary: `Preview Space ${escapeMarkdown(preview)}: ${deleted ? 'deleted' : 'already gone'}.\n`,
    };
    if (!deleted) return outcome;
    try {
      await markCommentDeleted(octokit, run, inputs.prNumber, preview, log);
    } catch (error) {
      return { ...outcome, error };
    }
    return outcome;
  }

  const result = await sweepPreviews({
    access,
    spaceId: inputs.space,
    maxAgeDays: inputs.maxAgeDays,
    now,
    tagFor: (prNumber) => previewTag(repository, prNumber),
    isPullRequestOpen: async (prNumber) => {
      const { data } = await octokit.rest.pulls.get({
        owner: run.owner,
        repo: run.repo,
        pull_number: prNumber,
      });
      return data.state === 'open';
    },
    logger: log,
  });
  return {
    outputs: { deleted: result.deleted.join('\n') },
    summary: [
      `## Preview sweep of ${escapeMarkdown(inputs.space)}`,
      '',
      `Deleted ${result.deleted.length}, kept ${result.kept.length} (older than ${inputs.maxAgeDays} days and PR closed are deleted).`,
      '',
      ...result.deleted.map((id) => `- deleted ${escapeMarkdown(id)}`),
      ...result.kept.map((kept) => `- kept ${escapeMarkdown(kept.spaceId)}: ${escapeMarkdown(kept.reason)}`),
      '',
    ].join('\n'),
  };
}

/** Keeps the PR's preview comment truthful once the Space is gone. */
async function markCommentDeleted(
  octokit: GitHubClient,
  run: RunContext,
  prNumber: number,
  preview: string,
  log: ActionLog,
): Promise<void> {
  await postStickyComment({
    octokit,
    owner: run.owner,
    repo: run.repo,
    issueNumber: prNumber,
    marker: PREVIEW_COMMENT_MARKER,
    body: `The preview Space ${escapeMarkdown(preview)} was deleted when this PR closed.`,
    log,
    whereInstead: 'The preview Space is deleted all the same.',
  });
}
