import * as core from '@actions/core';
import * as github from '@actions/github';
import { renderReport } from '#lib/evaluate/report';
import { MAX_SCORES_FILE_BYTES } from '#lib/evaluate/scores-schema';
import { resolveCommentAuthor } from '#lib/github/comment-author';
import {
  MAX_PR_NUMBER_BYTES,
  PullRequestMismatchError,
  StaleEvaluationError,
  parseEvalResult,
  parsePrNumber,
  readBoundedFile,
  verifyPullRequestOfRun,
  workflowRunFromEvent,
} from '#lib/github/eval-artifact';
import { createOctokit } from '#lib/github/octokit';
import { withProvenance } from '#lib/github/provenance';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import { EVALUATE_COMMENT_MARKER, upsertStickyComment } from '#lib/github/sticky-comment';
import { coreLogger } from '#action-support/core-logger';
import { describeActionError } from '#action-support/error-hints';
import { commentHint } from './error-hints';
import { getInputs } from './inputs';
import { loadHistoryRecords } from '#action-support/history-file';
import { renderTrendSection } from '#lib/history/index';

const logger = coreLogger;

/**
 * Posts the evaluate workflow's results from the privileged workflow_run side: validates the artifact, checks
 * the PR number against the triggering run, re-renders the report from scores.json (never posts the artifact's
 * Markdown) and upserts the same sticky comment the evaluate action would.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core);
    const { context } = github;
    const prNumber =
      inputs.prNumber.kind === 'value'
        ? parsePrNumber(inputs.prNumber.text, 'input "pr-number"')
        : parsePrNumber(
            await readBoundedFile(inputs.prNumber.path, MAX_PR_NUMBER_BYTES),
            inputs.prNumber.path,
          );
    const result = parseEvalResult(
      await readBoundedFile(inputs.scoresPath, MAX_SCORES_FILE_BYTES),
      inputs.scoresPath,
    );
    const octokit = createOctokit({ token: inputs.githubToken, baseUrl: context.apiUrl, logger });

    let runUrl: string | undefined;
    if (context.eventName === 'workflow_run') {
      const triggering = workflowRunFromEvent(context.payload);
      if (!triggering) throw new PullRequestMismatchError(prNumber, 'the workflow_run payload names no run');
      try {
        await verifyPullRequestOfRun({ octokit, ...context.repo, prNumber, run: triggering });
      } catch (error) {
        if (!(error instanceof StaleEvaluationError)) throw error;
        core.notice(`${error.message}.`);
        core.setOutput('action', 'stale');
        return;
      }
      const htmlUrl = (context.payload.workflow_run as { html_url?: unknown } | undefined)?.html_url;
      runUrl = typeof htmlUrl === 'string' ? htmlUrl : undefined;
    } else {
      const pr = pullRequestFromEvent(context.eventName, context.payload);
      if (pr?.number !== prNumber) {
        throw new PullRequestMismatchError(prNumber, `this ${context.eventName} event is not about that PR`);
      }
    }

    // The history comes from this repository's history branch, not from the artifact; only numbers and hex
    // commits of it reach the chart.
    const records = inputs.historyPath ? await loadHistoryRecords(inputs.historyPath, logger) : undefined;
    const trend = records ? renderTrendSection(result, records, { label: 'this PR' }) : '';
    const body = renderReport(result, {
      marker: EVALUATE_COMMENT_MARKER,
      ...(runUrl ? { runUrl } : {}),
      ...(trend ? { trend } : {}),
    });
    const comment = await upsertStickyComment({
      octokit,
      ...context.repo,
      issueNumber: prNumber,
      marker: EVALUATE_COMMENT_MARKER,
      body: withProvenance(body),
      author: await resolveCommentAuthor(octokit),
      logger,
    });
    core.setOutput('comment-url', comment.url);
    core.setOutput('action', comment.action);
  } catch (error) {
    core.setFailed(describeActionError(error, commentHint));
  }
}
