import * as core from '@actions/core';
import { coreLogger } from '#action-support/core-logger';
import { describeActionError } from '#action-support/error-hints';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { evaluateHint } from './error-hints';
import { evaluateJob } from './evaluate-job';
import { getInputs } from './inputs';

const describe = (error: unknown): string => describeActionError(error, evaluateHint);

/** Evaluates, publishes the report (job summary, outputs, PR comment) and only then applies the verdict. */
export async function run(): Promise<void> {
  try {
    await publishOutcome(await evaluateJob(getInputs(core), currentRun(), coreLogger), describe);
  } catch (error) {
    core.setFailed(describe(error));
  }
}
