import { describeFailure, describeRollback } from '#lib/deploy/deploy-report';
import type { DeployReport } from '#lib/deploy/deploy-report';
import { deploySpace } from '#lib/deploy/deploy-space';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import { deployRequest } from './deploy-request';
import { deployOutputs, writeEvalRecord } from './deploy-outputs';
import { failureHint } from './hints';
import type { DeploySpaceInputs } from './inputs';
import { commentPreview } from './preview-comment';
import { renderDeploySummary } from './summary';

/**
 * The deploy-space action's job: deploy (or preview) the Space, write the live evaluation's scores and history
 * line, comment a preview's link on its PR, and return the outputs, the job summary, the build log tail and the
 * verdict (with what the rollback did).
 */
export async function deployJob(
  inputs: DeploySpaceInputs,
  run: RunContext,
  log: ActionLog,
): Promise<ActionOutcome> {
  if (inputs.previewPr !== undefined && run.pullRequest?.isFork) {
    log.notice(
      `PR #${inputs.previewPr} comes from a fork, so it gets no preview Space: fork PRs run without secrets, ` +
        'and a preview would put their code on a Space under this repository’s name. Its evaluation runs as usual.',
    );
    return { outputs: {} };
  }
  const report = await deploySpace(await deployRequest(inputs, run, log));
  const outputs: Record<string, string> = {
    ...deployOutputs(report),
    ...(await writeEvalRecord(report, inputs.outDir, { workspace: run.workspace, gitSha: run.sha })),
  };
  const outcome: ActionOutcome = { outputs, summary: renderDeploySummary(report) };
  if (inputs.previewPr !== undefined && report.outcome !== 'failed') {
    try {
      const url = await commentPreview(report, {
        githubToken: inputs.githubToken,
        prNumber: inputs.previewPr,
        run,
        log,
      });
      if (url !== undefined) outputs['comment-url'] = url;
    } catch (error) {
      return { ...outcome, error };
    }
  }
  const buildLog = report.failure?.kind === 'build' ? report.failure.error.log : undefined;
  if (buildLog?.lines.length)
    outcome.group = {
      title: `Last ${buildLog.lines.length} lines of the ${buildLog.kind} log`,
      lines: buildLog.lines,
    };
  if (report.failure) outcome.failure = failureMessage(report, inputs.rollback);
  return outcome;
}

/** The failure, what the rollback did (or why there was none), and what to do. */
function failureMessage(report: DeployReport, rollbackOn: boolean): string {
  const { failure, rollback } = report;
  if (!failure) return '';
  const rolled = rollback?.error
    ? ` ROLLBACK FAILED: ${rollback.error}; fix the Space by hand.`
    : rollback
      ? ` Rolled back ${describeRollback(rollback)} (${describeFailure(failure)}); the Space is ${rollback.stage ?? 'unknown'} again.`
      : !rollbackOn
        ? ' Not rolled back (rollback: false): the Space keeps the failing commit.'
        : report.sync.commit
          ? ' There was no earlier commit to roll back to.'
          : ' This run changed nothing, and the score history (history-path) names no earlier good deploy to roll back to: fix the Space or push a fix.';
  return `${failure.error.message}.${rolled} ${failureHint(failure)}`;
}
