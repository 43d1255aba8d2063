import { isAbsolute, join, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { errorMessage } from '#lib/errors';
import { spaceCommitMessage } from '#lib/deploy/commit-message';
import { deploySpace } from '#lib/deploy/deploy-space';
import { describeFailure, describeRollback } from '#lib/deploy/deploy-report';
import type { DeployReport } from '#lib/deploy/deploy-report';
import { PREVIEW_COMMENT_MARKER, previewSpaceId, previewTag } from '#lib/deploy/preview';
import { lastGoodSpaceCommit } from '#lib/history/last-deploy';
import { loadHistoryRecords } from '#action-support/history-file';
import { writeFile } from 'node:fs/promises';
import { writeEvalOutputs } from '#lib/evaluate/index';
import { formatHistoryLine, historyRecordFromResult } from '#lib/history/index';
import { resolveCommentAuthor } from '#lib/github/comment-author';
import { GitHubWriteForbiddenError } from '#lib/github/errors';
import { createOctokit } from '#lib/github/octokit';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import { upsertStickyComment } from '#lib/github/sticky-comment';
import { loadDocument } from '#action-support/load-document';
import { escapeMarkdown } from '#lib/markdown/index';
import { systemClock } from '#lib/log';
import { coreLogger } from '#action-support/core-logger';
import { actionHint, failureHint } from './hints';
import type { DeploySpaceInputs } from './inputs';
import { getInputs } from './inputs';
import { renderDeploySummary } from './summary';

const logger = coreLogger;

export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const { context } = github;
    const pr = pullRequestFromEvent(context.eventName, context.payload);
    if (inputs.previewPr !== undefined && pr?.isFork) {
      core.notice(
        `PR #${inputs.previewPr} comes from a fork, so it gets no preview Space: fork PRs run without secrets, ` +
          'and a preview would put their code on a Space under this repository’s name. Its evaluation runs as usual.',
      );
      return;
    }
    const spaceId =
      inputs.previewPr !== undefined ? previewSpaceId(inputs.space, inputs.previewPr) : inputs.space;
    const sha = pr?.headSha || context.sha;
    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;

    const preview = inputs.previewPr !== undefined;
    const records =
      inputs.historyPath && !preview ? await loadHistoryRecords(inputs.historyPath, logger) : undefined;
    const lastGoodCommit = records ? lastGoodSpaceCommit(records, spaceId) : undefined;
    const report = await deploySpace({
      access: { hubUrl: inputs.hubUrl, accessToken: inputs.hfToken },
      ...(inputs.readToken ? { appToken: inputs.readToken } : {}),
      spaceId,
      ...(inputs.previewPr !== undefined
        ? { tag: previewTag(`${context.repo.owner}/${context.repo.repo}`, inputs.previewPr) }
        : {}),
      ...(lastGoodCommit ? { lastGoodCommit } : {}),
      dir: isAbsolute(inputs.path) ? inputs.path : resolve(workspace, inputs.path),
      ignore: inputs.ignore,
      create: inputs.create || inputs.previewPr !== undefined,
      private: inputs.private,
      dryRun: false,
      secrets: inputs.secrets,
      variables: inputs.variables,
      ...commitMessage(inputs, sha, runUrl),
      wait: inputs.wait,
      smoke: inputs.smoke,
      rollback: inputs.rollback,
      waitTimeoutMs: inputs.waitTimeoutMs,
      ...(inputs.evaluate && inputs.previewPr === undefined
        ? {
            evaluate: {
              fixtures: inputs.fixtures,
              cwd: workspace,
              gitSha: sha,
              loadDocument: (source: string) =>
                loadDocument(source, { logger, clock: systemClock, cwd: workspace }),
            },
          }
        : {}),
      clock: systemClock,
      logger,
    });

    setOutputs(report);
    await writeEvalRecord(report, inputs, workspace);
    await core.summary.addRaw(renderDeploySummary(report)).write();
    if (inputs.previewPr !== undefined && report.outcome !== 'failed') {
      await commentPreview(inputs, inputs.previewPr, report);
    }
    if (report.failure?.kind === 'build' && report.failure.error.log?.lines.length) {
      const log = report.failure.error.log;
      core.startGroup(`Last ${log.lines.length} lines of the ${log.kind} log`);
      // Prefixed so no log line can start with "::" and be read as a workflow command.
      for (const line of log.lines) core.info(`| ${line}`);
      core.endGroup();
    }
    if (report.failure) {
      const rollback = report.rollback;
      const rolled = rollback?.error
        ? ` ROLLBACK FAILED: ${rollback.error}; fix the Space by hand.`
        : rollback
          ? ` Rolled back ${describeRollback(rollback)} (${describeFailure(report.failure)}); the Space is ${rollback.stage ?? 'unknown'} again.`
          : !inputs.rollback
            ? ' Not rolled back (rollback: false): the Space keeps the failing commit.'
            : report.sync.commit
              ? ' There was no earlier commit to roll back to.'
              : ' This run changed nothing, and the score history (history-path) names no earlier good deploy to roll back to: fix the Space or push a fix.';
      core.setFailed(`${report.failure.error.message}.${rolled} ${failureHint(report.failure)}`);
    }
  } catch (error) {
    const hint = actionHint(error);
    core.setFailed(`${errorMessage(error)}${hint ? `. ${hint}` : ''}`);
  }
}

/** The source commit's subject as the title; where it came from (repository, commit, run) as the description. */
function commitMessage(
  inputs: DeploySpaceInputs,
  sha: string,
  runUrl: string,
): { title: string; description: string } {
  const { context } = github;
  const headCommit = (context.payload as { head_commit?: { message?: unknown } }).head_commit;
  const message =
    inputs.previewPr !== undefined
      ? `Preview of PR #${inputs.previewPr} at ${sha.slice(0, 12)}`
      : typeof headCommit?.message === 'string'
        ? headCommit.message
        : '';
  return spaceCommitMessage({
    repository: `${context.repo.owner}/${context.repo.repo}`,
    sha,
    message,
    serverUrl: context.serverUrl,
    runUrl,
  });
}

function setOutputs(report: DeployReport): void {
  core.setOutput('commit-sha', report.sync.commit ?? '');
  core.setOutput('space-id', report.spaceId);
  core.setOutput('space-url', report.url);
  core.setOutput('added', String(report.sync.added.length));
  core.setOutput('updated', String(report.sync.updated.length));
  core.setOutput('deleted', String(report.sync.deleted.length));
  core.setOutput('stage', report.stage ?? '');
  core.setOutput('rolled-back', String(report.rolledBack));
  core.setOutput('smoke', report.smoke);
}

/** scores.json of the live Space, in a folder named after the Space commit, for the workflow to upload. */
async function writeEvalRecord(
  report: DeployReport,
  inputs: DeploySpaceInputs,
  workspace: string,
): Promise<void> {
  // The commit the Space runs: a new one, or the head when only the settings (e.g. SUMOPS_MODEL) changed.
  const commit = report.spaceCommit;
  if (!report.evaluation || !commit) {
    core.setOutput('eval-path', '');
    core.setOutput('eval-artifact', '');
    core.setOutput('history-record-path', '');
    return;
  }
  const name = `eval-${commit}`;
  const outDir = isAbsolute(inputs.outDir) ? inputs.outDir : resolve(workspace, inputs.outDir);
  const { scoresPath } = await writeEvalOutputs(report.evaluation, join(outDir, name));
  core.setOutput('eval-path', scoresPath);
  core.setOutput('eval-artifact', name);
  // The line deploy.yml's history job appends to history.jsonl: which model version went live, and how it scored.
  const record = historyRecordFromResult(report.evaluation, {
    kind: 'deploy',
    spaceCommit: commit,
    gitSha: github.context.sha,
  });
  const historyPath = join(outDir, name, 'history-record.jsonl');
  if (record) await writeFile(historyPath, formatHistoryLine(record));
  core.setOutput('history-record-path', record ? historyPath : '');
}

async function commentPreview(
  inputs: DeploySpaceInputs,
  prNumber: number,
  report: DeployReport,
): Promise<void> {
  if (inputs.githubToken === '') {
    core.notice('No github-token, so the preview link is only in the job summary.');
    return;
  }
  const { context } = github;
  const octokit = createOctokit({ token: inputs.githubToken, baseUrl: context.apiUrl, logger });
  const body = [
    `**Preview Space** for this PR: [${escapeMarkdown(report.spaceId)}](${report.url})`,
    '',
    `Stage ${escapeMarkdown(report.stage ?? 'unknown')}, smoke test ${report.smoke}` +
      (report.sync.commit
        ? `, Space commit [\`${report.sync.commit.slice(0, 12)}\`](${report.commitUrl ?? report.url})`
        : ', unchanged') +
      '. It is deleted when the PR closes.',
  ].join('\n');
  try {
    const comment = await upsertStickyComment({
      octokit,
      ...context.repo,
      issueNumber: prNumber,
      marker: PREVIEW_COMMENT_MARKER,
      body,
      author: await resolveCommentAuthor(octokit),
      logger,
    });
    core.setOutput('comment-url', comment.url);
  } catch (error) {
    if (!(error instanceof GitHubWriteForbiddenError)) throw error;
    core.notice(`${error.message} The preview link is in the job summary.`);
  }
}
