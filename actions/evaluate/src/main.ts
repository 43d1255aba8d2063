import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { writeFile } from 'node:fs/promises';
import { readFileBytes } from '#lib/fs/read-text-file';
import { glob } from 'tinyglobby';
import {
  mergeShards,
  readBaselineFile,
  renderReport,
  runEvaluation,
  writeEvalOutputs,
} from '#lib/evaluate/index';
import type { BaselineSource, CaseTableResult, EvalRun } from '#lib/evaluate/index';
import { DEFAULT_TOLERANCE } from '#lib/evaluate/index';
import {
  formatHistoryLine,
  historyRecordFromResult,
  renderTrendSection,
  withTrendGates,
} from '#lib/history/index';
import { loadHistoryRecords } from '#action-support/history-file';
import { resolveCommentAuthor } from '#lib/github/comment-author';
import { GitHubWriteForbiddenError } from '#lib/github/errors';
import { createOctokit } from '#lib/github/octokit';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import { withProvenance } from '#lib/github/provenance';
import { EVALUATE_COMMENT_MARKER, upsertStickyComment } from '#lib/github/sticky-comment';
import { SpaceAccessError } from '#lib/hub/errors';
import { loadDocument } from '#action-support/load-document';
import { coreLogger } from '#action-support/core-logger';
import { describeActionError } from '#action-support/error-hints';
import { systemClock } from '#lib/log';
import type { EvaluateInputs } from './inputs';
import { evaluateHint } from './error-hints';
import { getInputs } from './inputs';

const logger = coreLogger;

/** Evaluates, publishes the report (job summary, outputs, PR comment) and only then applies the verdict. */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const { context } = github;
    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;

    // On PRs GITHUB_SHA is a temporary merge commit; the head commit is what reviewers recognise.
    const gitSha = pullRequestFromEvent(context.eventName, context.payload)?.headSha || context.sha;
    const evaluated = await evaluate(inputs, workspace, gitSha);
    if (!evaluated) return;
    const { result, trend } = await withHistory(evaluated, inputs, workspace, gitSha);

    const outDir = isAbsolute(inputs.outDir) ? inputs.outDir : resolve(workspace, inputs.outDir);
    const { scoresPath, reportPath } = await writeEvalOutputs(result, outDir, {
      runUrl,
      marker: EVALUATE_COMMENT_MARKER,
      ...(trend ? { trend } : {}),
    });
    const report = renderReport(result, {
      runUrl,
      marker: EVALUATE_COMMENT_MARKER,
      ...(trend ? { trend } : {}),
    });
    await core.summary.addRaw(report).write();
    core.setOutput('passed', String(result.passed));
    core.setOutput('scores-path', scoresPath);
    core.setOutput('report-path', reportPath);
    core.setOutput('history-record-path', await writeHistoryRecord(result, outDir));
    core.setOutput('comment-url', await postComment(inputs, report));

    if (!result.passed) {
      const failed = result.gates.filter((gate) => !gate.passed).map((gate) => gate.message);
      const verdict = `Evaluation failed: ${failed.join('; ') || 'see the report'}.`;
      if (inputs.failOnRegression) core.setFailed(verdict);
      else core.warning(`${verdict} (fail-on-regression is false, so the job stays green)`);
    }
  } catch (error) {
    core.setFailed(describeActionError(error, evaluateHint));
  }
}

/** Undefined when the run can't evaluate for a fork-PR reason that isn't the PR's fault (a notice says why). */
async function evaluate(
  inputs: EvaluateInputs,
  workspace: string,
  gitSha: string,
): Promise<EvalRun | undefined> {
  const baseline = baselineSource(inputs, workspace);
  if (inputs.mergeShardsDir) return merge(inputs, inputs.mergeShardsDir, workspace, baseline);
  try {
    return await runEvaluation(
      {
        fixtures: inputs.fixtures,
        cwd: workspace,
        provider: inputs.provider,
        ...(baseline ? { baseline } : {}),
        thresholds: inputs.thresholds,
        ...(inputs.tolerance !== undefined ? { tolerance: inputs.tolerance } : {}),
        ...(inputs.maxP95Ms !== undefined ? { maxP95Ms: inputs.maxP95Ms } : {}),
        concurrency: inputs.concurrency,
        gitSha,
        ...(inputs.shard ? { shard: inputs.shard } : {}),
      },
      {
        logger,
        clock: systemClock,
        loadDocument: (source) =>
          loadDocument(source, {
            logger,
            clock: systemClock,
            cwd: workspace,
            timeoutMs: inputs.fetchTimeoutMs,
            connectTimeoutMs: Math.min(10_000, inputs.fetchTimeoutMs),
            maxBytes: inputs.maxBytes,
          }),
        describeError: (error) => describeActionError(error, evaluateHint),
      },
    );
  } catch (error) {
    if (error instanceof SpaceAccessError && !error.tokenGiven && inputs.hfToken === '') {
      core.notice(
        `Skipped the evaluation: ${error.message}. Fork PRs get no secrets, so hf-token is empty here; ` +
          'a maintainer can run it from a branch of this repository, or point "space" at a public Space.',
      );
      return undefined;
    }
    throw error;
  }
}

/** The trend chart and (trend-gate) the trend gates, from the history input; nothing for one shard. */
async function withHistory(
  result: EvalRun,
  inputs: EvaluateInputs,
  workspace: string,
  gitSha: string,
): Promise<{ result: EvalRun; trend?: string }> {
  if (!inputs.historyPath || result.shard) return { result };
  const path = isAbsolute(inputs.historyPath) ? inputs.historyPath : resolve(workspace, inputs.historyPath);
  const records = await loadHistoryRecords(path, logger);
  if (!records) {
    core.notice(`No score history at ${inputs.historyPath}, so the report has no trend chart yet.`);
    return { result };
  }
  // On main the history may already hold this commit (a re-run): don't compare the run with itself.
  const others = records.filter((r) => r.gitSha !== gitSha);
  const gated = inputs.trendGate
    ? withTrendGates(result, others, { tolerance: inputs.tolerance ?? DEFAULT_TOLERANCE })
    : result;
  const pr = pullRequestFromEvent(github.context.eventName, github.context.payload);
  return { result: gated, trend: renderTrendSection(gated, others, { label: pr ? 'this PR' : 'this run' }) };
}

/** history-record.jsonl beside scores.json: the line the history job appends on main (none for one shard). */
async function writeHistoryRecord(result: EvalRun, outDir: string): Promise<string> {
  const record = result.shard ? undefined : historyRecordFromResult(result, { kind: 'evaluation' });
  if (!record) return '';
  const path = join(outDir, 'history-record.jsonl');
  await writeFile(path, formatHistoryLine(record));
  return path;
}

/** The matrix's merge job: every shard's scores.json under `dir`, combined into the unsharded result. */
async function merge(
  inputs: EvaluateInputs,
  dir: string,
  workspace: string,
  baseline: BaselineSource | undefined,
): Promise<CaseTableResult> {
  const root = isAbsolute(dir) ? dir : resolve(workspace, dir);
  // A bounded walk: artifacts are one directory per shard, so two levels is all a layout needs.
  const files = (await glob(['scores.json', '*/scores.json'], { cwd: root, absolute: true })).sort();
  core.info(`merging ${files.length} shard file(s) from ${dir}`);
  return mergeShards(
    files,
    {
      ...(baseline?.kind === 'file'
        ? { baseline: { source: baseline, scores: await readBaselineFile(baseline.path) } }
        : {}),
      thresholds: inputs.thresholds,
      tolerance: inputs.tolerance ?? DEFAULT_TOLERANCE,
      ...(inputs.maxP95Ms !== undefined ? { maxP95Ms: inputs.maxP95Ms } : {}),
      ...(inputs.shardCount !== undefined ? { expectedCount: inputs.shardCount } : {}),
    },
    { readFile: readFileBytes },
  );
}

function baselineSource(inputs: EvaluateInputs, workspace: string): BaselineSource | undefined {
  if (inputs.baselineProvider) {
    if (inputs.baselinePath)
      core.info(`baseline-provider is set, so the baseline file ${inputs.baselinePath} is unused`);
    return { kind: 'provider', provider: inputs.baselineProvider };
  }
  if (!inputs.baselinePath) return undefined;
  const path = isAbsolute(inputs.baselinePath)
    ? inputs.baselinePath
    : resolve(workspace, inputs.baselinePath);
  if (!existsSync(path)) {
    core.notice(
      `No baseline at ${inputs.baselinePath}, so the report has no deltas: main's scores artifact appears after ` +
        'the first evaluation on main.',
    );
    return undefined;
  }
  return { kind: 'file', path };
}

/** Upserts the sticky PR comment; returns its URL, or '' when there is nothing to (or no right to) comment on. */
async function postComment(inputs: EvaluateInputs, report: string): Promise<string> {
  const { context } = github;
  const pr = pullRequestFromEvent(context.eventName, context.payload);
  if (!inputs.comment || !pr) return '';
  if (inputs.githubToken === '') {
    core.notice('No github-token, so no PR comment: the report is in the job summary.');
    return '';
  }
  const octokit = createOctokit({ token: inputs.githubToken, baseUrl: context.apiUrl, logger });
  try {
    const comment = await upsertStickyComment({
      octokit,
      ...context.repo,
      issueNumber: pr.number,
      marker: EVALUATE_COMMENT_MARKER,
      body: withProvenance(report),
      author: await resolveCommentAuthor(octokit),
      logger,
    });
    return comment.url;
  } catch (error) {
    if (!(error instanceof GitHubWriteForbiddenError)) throw error;
    core.notice(
      `${error.message} The report is in the job summary and the results artifact; on fork PRs the ` +
        'evaluate-comment workflow posts it.',
    );
    return '';
  }
}
