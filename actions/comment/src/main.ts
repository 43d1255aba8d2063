import * as core from '@actions/core';
import { coreLogger } from '#action-support/core-logger';
import { describeActionError } from '#action-support/error-hints';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { commentJob } from './comment-job';
import { commentHint } from './error-hints';
import { getInputs } from './inputs';

const describe = (error: unknown): string => describeActionError(error, commentHint);

/** Posts the evaluate workflow's results from the privileged workflow_run side. */
export async function run(): Promise<void> {
  try {
    await publishOutcome(await commentJob(getInputs(core), currentRun(), coreLogger), describe);
  } catch (error) {
    core.setFailed(describe(error));
  }
}
