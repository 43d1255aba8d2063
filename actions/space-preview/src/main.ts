import * as core from '@actions/core';
import * as github from '@actions/github';
import { errorMessage } from '#lib/errors';
import { SpaceTagMismatchError } from '#lib/deploy/errors';
import { PREVIEW_COMMENT_MARKER, previewSpaceId, previewTag } from '#lib/deploy/preview';
import { deletePreviewSpace, sweepPreviews } from '#lib/deploy/preview-cleanup';
import { resolveCommentAuthor } from '#lib/github/comment-author';
import { GitHubWriteForbiddenError } from '#lib/github/errors';
import { createOctokit } from '#lib/github/octokit';
import { upsertStickyComment } from '#lib/github/sticky-comment';
import { escapeMarkdown } from '#lib/markdown/index';
import { coreLogger } from '#action-support/core-logger';
import { getInputs } from './inputs';

const logger = coreLogger;

export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core);
    const access = { hubUrl: inputs.hubUrl, accessToken: inputs.hfToken };
    const { context } = github;
    const octokit = createOctokit({ token: inputs.githubToken, baseUrl: context.apiUrl, logger });
    const repository = `${context.repo.owner}/${context.repo.repo}`;

    if (inputs.command === 'delete') {
      const preview = previewSpaceId(inputs.space, inputs.prNumber);
      let deleted: boolean;
      try {
        deleted = await deletePreviewSpace(access, preview, previewTag(repository, inputs.prNumber));
      } catch (error) {
        if (!(error instanceof SpaceTagMismatchError)) throw error;
        core.warning(`Not deleting ${preview}: ${error.message}.`);
        core.setOutput('deleted', '');
        return;
      }
      core.info(
        deleted ? `deleted the preview Space ${preview}` : `the preview Space ${preview} was already gone`,
      );
      core.setOutput('deleted', deleted ? preview : '');
      await core.summary
        .addRaw(`Preview Space ${escapeMarkdown(preview)}: ${deleted ? 'deleted' : 'already gone'}.\n`)
        .write();
      if (deleted) await markCommentDeleted(octokit, inputs.prNumber, preview);
      return;
    }

    const result = await sweepPreviews({
      access,
      spaceId: inputs.space,
      maxAgeDays: inputs.maxAgeDays,
      now: Date.now(),
      tagFor: (prNumber) => previewTag(repository, prNumber),
      isPullRequestOpen: async (prNumber) => {
        const { data } = await octokit.rest.pulls.get({ ...context.repo, pull_number: prNumber });
        return data.state === 'open';
      },
      logger,
    });
    core.setOutput('deleted', result.deleted.join('\n'));
    await core.summary
      .addRaw(
        [
          `## Preview sweep of ${escapeMarkdown(inputs.space)}`,
          '',
          `Deleted ${result.deleted.length}, kept ${result.kept.length} (older than ${inputs.maxAgeDays} days and PR closed are deleted).`,
          '',
          ...result.deleted.map((id) => `- deleted ${escapeMarkdown(id)}`),
          ...result.kept.map(
            (kept) => `- kept ${escapeMarkdown(kept.spaceId)}: ${escapeMarkdown(kept.reason)}`,
          ),
          '',
        ].join('\n'),
      )
      .write();
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

/** Keeps the PR's preview comment truthful once the Space is gone. */
async function markCommentDeleted(
  octokit: ReturnType<typeof createOctokit>,
  prNumber: number,
  preview: string,
): Promise<void> {
  try {
    await upsertStickyComment({
      octokit,
      ...github.context.repo,
      issueNumber: prNumber,
      marker: PREVIEW_COMMENT_MARKER,
      body: `The preview Space ${escapeMarkdown(preview)} was deleted when this PR closed.`,
      author: await resolveCommentAuthor(octokit),
      logger,
    });
  } catch (error) {
    if (!(error instanceof GitHubWriteForbiddenError)) throw error;
    core.notice(`${error.message} The preview Space is deleted all the same.`);
  }
}
