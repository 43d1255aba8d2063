import * as core from '@actions/core';
import { coreLogger } from '#action-support/core-logger';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { describeDigestError, digestJob } from './digest-job';
import { getInputs } from './inputs';

const describe = (error: unknown): string => describeDigestError(error);

/**
 * The scheduled / dispatched digest: runs the configured digest and publishes the job summary, the outputs and a
 * warning per failed URL.
 */
export async function run(): Promise<void> {
  try {
    await publishOutcome(await digestJob(getInputs(core), currentRun(), coreLogger), describe);
  } catch (error) {
    core.setFailed(describe(error));
  }
}
