import * as core from '@actions/core';
import { describeActionError } from '#action-support/error-hints';
import { ActionInputError } from '#action-support/action-inputs';
import { judgeHint } from './error-hints';
import { getInputs } from './inputs';
import { judgeArtifact, judgeGates } from './judge-run';

/**
 * Judges the evaluation's stored results, writes the judged files and outputs, then gives the verdict: the step
 * fails when a judge gate that passed before fails now, or, when the judge was asked to gate, when it cannot run.
 */
export async function run(): Promise<void> {
  let gating = false;
  try {
    const inputs = getInputs(core);
    gating = judgeGates(inputs);
    const outcome = await judgeArtifact(inputs, process.env.GITHUB_WORKSPACE ?? process.cwd());
    core.setOutput('judged', String(outcome.judged));
    if (!outcome.judged) return;
    const { result } = outcome;
    core.setOutput('passed', String(result.passed));
    core.setOutput('scores-path', outcome.scoresPath);
    core.setOutput('report-path', outcome.reportPath);
    core.setOutput('history-record-path', outcome.historyRecordPath);
    core.setOutput('calls', String(result.judge?.calls ?? 0));
    core.setOutput('cache-hits', String(result.judge?.cacheHits ?? 0));
    core.info(
      `judged with ${result.settings.judge?.model ?? '?'}: ${result.judge?.calls ?? 0} calls, ` +
        `${result.judge?.cacheHits ?? 0} cases from the cache`,
    );
    if (outcome.newFailures.length > 0)
      core.setFailed(`The judge's gates failed: ${outcome.newFailures.map((g) => g.message).join('; ')}.`);
  } catch (error) {
    const line = describeActionError(error, judgeHint);
    if (gating || error instanceof ActionInputError) core.setFailed(line);
    else
      core.warning(
        `${line} The judge only reports here (no judge-… threshold, judge-gate false), so the job stays green.`,
      );
  }
}
