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
import type { GitHubClient } from '#lib/github/octokit';
import { createOctokit } from '#lib/github/octokit';
import { withProvenance } from '#lib/github/provenance';
import { EVALUATE_COMMENT_MARKER, upsertStickyComment } from '#lib/github/sticky-comment';
import { renderTrendSection } from '#lib/history/index';
import { loadHistoryRecords } from '#action-support/history-file';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import type { CommentInputs } from './inputs';

/**
 * The comment action's job, on the privileged workflow_run side: validates the artifact, checks the PR number
 * against the triggering run, re-renders the report from scores.json (never posts the artifact's Markdown) and
 * upserts the same sticky comment the evaluate action would. A re-run of an older evaluation is left out (stale).
 */
export async function commentJob(
  inputs: CommentInputs,
  run: RunContext,
  log: ActionLog,
): Promise<ActionOutcome> {
  const prNumber =
    inputs.prNumber.kind === 'value'
      ? parsePrNumber(inputs.prNumber.text, 'input "pr-number"')
      : parsePrNumber(await readBoundedFile(inputs.prNumber.path, MAX_PR_NUMBER_BYTES), inputs.prNumber.path);
  const result = parseEvalResult(
    await readBoundedFile(inputs.scoresPath, MAX_SCORES_FILE_BYTES),
    inputs.scoresPath,
  );
  const octokit = createOctokit({ token: inputs.githubToken, baseUrl: run.apiUrl, logger: log });
  const checked = await checkPullRequest(octokit, run, prNumber);
  if (checked.stale) {
    log.notice(`${checked.stale.message}.`);
    return { outputs: { action: 'stale' } };
  }

  // The history comes from this repository's history branch, not from the artifact; only numbers and hex
  // commits of it reach the chart.
  const records = inputs.historyPath ? await loadHistoryRecords(inputs.historyPath, log) : undefined;
  const trend = records ? renderTrendSection(result, records, { label: 'this PR' }) : '';
  const body = renderReport(result, {
    marker: EVALUATE_COMMENT_MARKER,
    ...(checked.runUrl ? { runUrl: checked.runUrl } : {}),
    ...(trend ? { trend } : {}),
  });
  const comment = await upsertStickyComment({
    octokit,
    owner: run.owner,
    repo: run.repo,
    issueNumber: prNumber,
    marker: EVALUATE_COMMENT_MARKER,
    body: withProvenance(body),
    author: await resolveCommentAuthor(octokit),
    logger: log,
  });
  return { outputs: { 'comment-url': comment.url, action: comment.action } };
}

/**
 * On workflow_run: the triggering run must be about this PR and evaluate its current head (else stale); its page
 * is the report's run link. On a pull_request event: the event must be about this PR.
 */
async function checkPullRequest(
  octokit: GitHubClient,
  run: RunContext,
  prNumber: number,
): Promise<{ runUrl?: string; stale?: StaleEvaluationError }> {
  if (run.eventName !== 'workflow_run') {
    if (run.pullRequest?.number !== prNumber)
      throw new PullRequestMismatchError(prNumber, `this ${run.eventName} event is not about that PR`);
    return {};
  }
  const triggering = workflowRunFromEvent(run.payload);
  if (!triggering) throw new PullRequestMismatchError(prNumber, 'the workflow_run payload names no run');
  try {
    await verifyPullRequestOfRun({ octokit, owner: run.owner, repo: run.repo, prNumber, run: triggering });
  } catch (error) {
    if (!(error instanceof StaleEvaluationError)) throw error;
    return { stale: error };
  }
  const htmlUrl = (run.payload as { workflow_run?: { html_url?: unknown } } | undefined)?.workflow_run
    ?.html_url;
  return typeof htmlUrl === 'string' ? { runUrl: htmlUrl } : {};
}
