import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { readBaselineFile } from '#lib/evaluate/baseline-file';
import { DEFAULT_TOLERANCE, gatedMetrics } from '#lib/evaluate/gates';
import { openFixtureSources } from '#lib/evaluate/fixture-sources';
import { judgeEvalResult } from '#lib/evaluate/judge-results';
import { writeEvalOutputs } from '#lib/evaluate/outputs';
import { renderReport } from '#lib/evaluate/report';
import { MAX_SCORES_FILE_BYTES } from '#lib/evaluate/scores-schema';
import type { EvalResult, GateOutcome } from '#lib/evaluate/types';
import { parseEvalResult, readBoundedFile } from '#lib/github/eval-artifact';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import { EVALUATE_COMMENT_MARKER } from '#lib/github/sticky-comment';
import {
  formatHistoryLine,
  historyRecordFromResult,
  renderTrendSection,
  withTrendGates,
} from '#lib/history/index';
import { resolveJudgeKey } from '#lib/judge/key';
import { JUDGE_METRICS } from '#lib/judge/types';
import { systemClock } from '#lib/log';
import { coreLogger } from '#action-support/core-logger';
import { loadHistoryRecords } from '#action-support/history-file';
import { loadDocument } from '#action-support/load-document';
import type { JudgeInputs } from './inputs';

const logger = coreLogger;

export type JudgeOutcome =
  | { judged: false }
  | {
      judged: true;
      result: EvalResult;
      scoresPath: string;
      reportPath: string;
      historyRecordPath: string;
      /** Gates that pass in the evaluation's own results and fail once judged: the judge's verdict. */
      newFailures: GateOutcome[];
    };

/** Whether the inputs ask the judge to gate (judge-gate, or a judge-… threshold). */
export function judgeGates(inputs: JudgeInputs): boolean {
  return inputs.judgeGate || JUDGE_METRICS.some((m) => inputs.thresholds[m] !== undefined);
}

/**
 * Reads the evaluation's scores.json as the comment workflow does (bounded, schema-validated), matches the copied
 * fixtures to it, judges every summary, gates and reports as the evaluation did with the judge's metrics added, and
 * writes scores.json, report.md and history-record.jsonl. Nothing evaluated is run: only files are read.
 */
export async function judgeArtifact(inputs: JudgeInputs, workspace: string): Promise<JudgeOutcome> {
  const path = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const key = resolveJudgeKey(inputs.baseUrl, { judgeApiKey: inputs.apiKey });
  if (!key) {
    const pr = pullRequestFromEvent(github.context.eventName, github.context.payload);
    core.notice(
      pr?.isFork
        ? 'Skipped the LLM judge: fork PRs get no secrets, so api-key is empty here. The comment shows the other metrics; a maintainer can judge a branch of this repository.'
        : 'Skipped the LLM judge: api-key is empty. Add the repository secret SUMOPS_JUDGE_API_KEY (see docs/judge.md), or unset the SUMOPS_JUDGE variable.',
    );
    return { judged: false };
  }
  const evaluated = parseEvalResult(
    await readBoundedFile(path(inputs.scoresPath), MAX_SCORES_FILE_BYTES),
    inputs.scoresPath,
  );
  const fixturesDir = path(inputs.fixturesDir);
  const sourceOf = await openFixtureSources(evaluated, {
    dir: fixturesDir,
    patterns: inputs.fixtures,
    loadDocument: (source) =>
      loadDocument(source, {
        logger,
        clock: systemClock,
        cwd: fixturesDir,
        timeoutMs: inputs.fetchTimeoutMs,
        connectTimeoutMs: Math.min(10_000, inputs.fetchTimeoutMs),
        maxBytes: inputs.maxBytes,
      }),
  });
  const baselinePath = inputs.baselinePath ? path(inputs.baselinePath) : undefined;
  const tolerance = inputs.tolerance ?? DEFAULT_TOLERANCE;
  const gate = inputs.judgeGate ? [...JUDGE_METRICS] : undefined;
  let result = await judgeEvalResult(
    evaluated,
    {
      judge: {
        baseUrl: inputs.baseUrl,
        model: inputs.model,
        apiKey: key.apiKey,
        keySource: key.source,
        concurrency: inputs.concurrency,
        contextTokens: inputs.contextTokens,
        ...(inputs.cacheDir ? { cacheDir: path(inputs.cacheDir) } : {}),
      },
      ...(baselinePath && existsSync(baselinePath)
        ? {
            baseline: {
              source: { kind: 'file', path: baselinePath },
              scores: await readBaselineFile(baselinePath),
            },
          }
        : {}),
      thresholds: inputs.thresholds,
      tolerance,
      ...(gate ? { gate } : {}),
    },
    { clock: systemClock, logger, sourceOf },
  );
  let trend = '';
  const records = inputs.historyPath ? await loadHistoryRecords(path(inputs.historyPath), logger) : undefined;
  if (records) {
    const others = records.filter((r) => r.gitSha !== result.gitSha);
    const metrics = gatedMetrics(result.settings.metrics, gate);
    if (inputs.trendGate) result = withTrendGates(result, others, { tolerance, metrics });
    const pr = pullRequestFromEvent(github.context.eventName, github.context.payload);
    trend = renderTrendSection(result, others, { label: pr ? 'this PR' : 'this run' });
  }
  return {
    judged: true,
    result,
    ...(await writeOutputs(result, path(inputs.outDir), trend)),
    newFailures: newFailures(evaluated, result),
  };
}

async function writeOutputs(result: EvalResult, outDir: string, trend: string) {
  const { context } = github;
  const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const options = { runUrl, marker: EVALUATE_COMMENT_MARKER, ...(trend ? { trend } : {}) };
  const { scoresPath, reportPath } = await writeEvalOutputs(result, outDir, options);
  await core.summary.addRaw(renderReport(result, options)).write();
  const record = historyRecordFromResult(result, { kind: 'evaluation' });
  let historyRecordPath = '';
  if (record) {
    historyRecordPath = join(outDir, 'history-record.jsonl');
    await writeFile(historyRecordPath, formatHistoryLine(record));
  }
  return { scoresPath, reportPath, historyRecordPath };
}

/** The gates that fail now and did not before judging (matched by kind and metric). */
function newFailures(before: EvalResult, after: EvalResult): GateOutcome[] {
  const failedBefore = new Set(
    before.gates.filter((g) => !g.passed).map((g) => `${g.kind}:${g.metric ?? ''}`),
  );
  return after.gates.filter((g) => !g.passed && !failedBefore.has(`${g.kind}:${g.metric ?? ''}`));
}
