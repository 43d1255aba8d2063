import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { readFileBytes } from '#lib/fs/read-text-file';
import { DEFAULT_TOLERANCE, mergeShards, readBaselineFile, runEvaluation } from '#lib/evaluate/index';
import type { BaselineSource, CaseTableResult, EvalRun } from '#lib/evaluate/index';
import { SpaceAccessError } from '#lib/hub/errors';
import { systemClock } from '#lib/log';
import { describeActionError } from '#action-support/error-hints';
import type { ActionLog } from '#action-support/job';
import { loadDocument } from '#action-support/load-document';
import { evaluateHint } from './error-hints';
import type { EvaluateInputs } from './inputs';

/**
 * The run's scores: the fixtures evaluated against the provider (one shard of them, with `shard`), or with
 * `merge-shards` every shard's scores.json combined. Undefined when a fork PR can't reach a private Space: not the
 * PR's fault, so a notice says why and the job stays green.
 */
export async function evaluateOrMerge(
  inputs: EvaluateInputs,
  workspace: string,
  gitSha: string,
  log: ActionLog,
): Promise<EvalRun | undefined> {
  const baseline = baselineSource(inputs, workspace, log);
  if (inputs.mergeShardsDir) return mergeShardDir(inputs, inputs.mergeShardsDir, workspace, baseline, log);
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
        logger: log,
        clock: systemClock,
        loadDocument: (source) =>
          loadDocument(source, {
            logger: log,
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
      log.notice(
        `Skipped the evaluation: ${error.message}. Fork PRs get no secrets, so hf-token is empty here; ` +
          'a maintainer can run it from a branch of this repository, or point "space" at a public Space.',
      );
      return undefined;
    }
    throw error;
  }
}

/** The matrix's merge job: every shard's scores.json under `dir`, combined into the unsharded result. */
async function mergeShardDir(
  inputs: EvaluateInputs,
  dir: string,
  workspace: string,
  baseline: BaselineSource | undefined,
  log: ActionLog,
): Promise<CaseTableResult> {
  const root = resolve(workspace, dir);
  // A bounded walk: artifacts are one directory per shard, so two levels is all a layout needs.
  const files = (await glob(['scores.json', '*/scores.json'], { cwd: root, absolute: true })).sort();
  log.info(`merging ${files.length} shard file(s) from ${dir}`);
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

/** baseline-provider wins over a baseline file; a baseline file that isn't there yet is a notice, not a failure. */
function baselineSource(
  inputs: EvaluateInputs,
  workspace: string,
  log: ActionLog,
): BaselineSource | undefined {
  if (inputs.baselineProvider) {
    if (inputs.baselinePath)
      log.info(`baseline-provider is set, so the baseline file ${inputs.baselinePath} is unused`);
    return { kind: 'provider', provider: inputs.baselineProvider };
  }
  if (!inputs.baselinePath) return undefined;
  const path = resolve(workspace, inputs.baselinePath);
  if (!existsSync(path)) {
    log.notice(
      `No baseline at ${inputs.baselinePath}, so the report has no deltas: main's scores artifact appears after ` +
        'the first evaluation on main.',
    );
    return undefined;
  }
  return { kind: 'file', path };
}
