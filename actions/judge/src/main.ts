import * as core from '@actions/core';
import { ActionInputError } from '#action-support/action-inputs';
import { coreLogger } from '#action-support/core-logger';
import { describeActionError } from '#action-support/error-hints';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { judgeHint } from './error-hints';
import { getInputs } from './inputs';
import { judgeGates, judgeJob } from './judge-job';

const describe = (error: unknown): string => describeActionError(error, judgeHint);

/**
 * Judges the evaluation's stored results and publishes them. The step fails when a judge gate that passed before
 * fails now; a judge that cannot run fails it only when the judge was asked to gate, else it is a warning.
 */
export async function run(): Promise<void> {
  let gating = false;
  try {
    const inputs = getInputs(core);
    gating = judgeGates(inputs);
    await publishOutcome(await judgeJob(inputs, currentRun(), coreLogger), describe);
  } catch (error) {
    const line = describe(error);
    if (gating || error instanceof ActionInputError) core.setFailed(line);
    else
      core.warning(
        `${line} The judge only reports here (no judge-… threshold, judge-gate false), so the job stays green.`,
      );
  }
}
