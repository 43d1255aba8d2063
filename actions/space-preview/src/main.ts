import * as core from '@actions/core';
import { errorMessage } from '#lib/errors';
import { coreLogger } from '#action-support/core-logger';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { getInputs } from './inputs';
import { previewJob } from './preview-job';

/** Deletes a closed PR's preview Space, or sweeps old ones, and publishes what went. */
export async function run(): Promise<void> {
  try {
    await publishOutcome(
      await previewJob(getInputs(core), currentRun(), coreLogger, Date.now()),
      errorMessage,
    );
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
