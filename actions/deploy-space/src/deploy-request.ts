import { resolve } from 'node:path';
import { spaceCommitMessage } from '#lib/deploy/commit-message';
import type { DeploySpaceOptions } from '#lib/deploy/deploy-space';
import { previewSpaceId, previewTag } from '#lib/deploy/preview';
import { lastGoodSpaceCommit } from '#lib/history/last-deploy';
import { systemClock } from '#lib/log';
import { loadHistoryRecords } from '#action-support/history-file';
import { headSha } from '#action-support/job';
import type { ActionLog, RunContext } from '#action-support/job';
import { loadDocument } from '#action-support/load-document';
import type { DeploySpaceInputs } from './inputs';

/**
 * What deploySpace is asked to do, from the inputs and the run: the Space (or this PR's preview of it, with its
 * tag), the last good commit from the score history (not for previews), the commit message, and the live
 * evaluation (not for previews).
 */
export async function deployRequest(
  inputs: DeploySpaceInputs,
  run: RunContext,
  log: ActionLog,
): Promise<DeploySpaceOptions> {
  const preview = inputs.previewPr;
  const spaceId = preview !== undefined ? previewSpaceId(inputs.space, preview) : inputs.space;
  const sha = headSha(run);
  const records =
    inputs.historyPath && preview === undefined
      ? await loadHistoryRecords(inputs.historyPath, log)
      : undefined;
  const lastGoodCommit = records ? lastGoodSpaceCommit(records, spaceId) : undefined;
  return {
    access: { hubUrl: inputs.hubUrl, accessToken: inputs.hfToken },
    ...(inputs.readToken ? { appToken: inputs.readToken } : {}),
    spaceId,
    ...(preview !== undefined ? { tag: previewTag(`${run.owner}/${run.repo}`, preview) } : {}),
    ...(lastGoodCommit ? { lastGoodCommit } : {}),
    dir: resolve(run.workspace, inputs.path),
    ignore: inputs.ignore,
    create: inputs.create || preview !== undefined,
    private: inputs.private,
    dryRun: false,
    secrets: inputs.secrets,
    variables: inputs.variables,
    ...commitMessage(inputs, run, sha),
    wait: inputs.wait,
    smoke: inputs.smoke,
    rollback: inputs.rollback,
    waitTimeoutMs: inputs.waitTimeoutMs,
    ...(inputs.evaluate && preview === undefined
      ? {
          evaluate: {
            fixtures: inputs.fixtures,
            cwd: run.workspace,
            gitSha: sha,
            loadDocument: (source: string) =>
              loadDocument(source, { logger: log, clock: systemClock, cwd: run.workspace }),
          },
        }
      : {}),
    clock: systemClock,
    logger: log,
  };
}

/** The source commit's subject as the title; where it came from (repository, commit, run) as the description. */
function commitMessage(
  inputs: DeploySpaceInputs,
  run: RunContext,
  sha: string,
): { title: string; description: string } {
  const headCommit = (run.payload as { head_commit?: { message?: unknown } } | undefined)?.head_commit;
  const message =
    inputs.previewPr !== undefined
      ? `Preview of PR #${inputs.previewPr} at ${sha.slice(0, 12)}`
      : typeof headCommit?.message === 'string'
        ? headCommit.message
        : '';
  return spaceCommitMessage({
    repository: `${run.owner}/${run.repo}`,
    sha,
    message,
    serverUrl: run.serverUrl,
    runUrl: run.runUrl,
  });
}
