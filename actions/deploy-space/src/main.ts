import * as core from '@actions/core';
import { errorMessage } from '#lib/errors';
import { coreLogger } from '#action-support/core-logger';
import { currentRun } from '#action-support/github-run';
import { publishOutcome } from '#action-support/publish';
import { deployJob } from './deploy-job';
import { actionHint } from './hints';
import { getInputs } from './inputs';

function describe(error: unknown): string {
  const hint = actionHint(error);
  return `${errorMessage(error)}${hint ? `. ${hint}` : ''}`;
}

/** Deploys (or previews) the Space, publishes what happened, and fails when it did not go live. */
export async function run(): Promise<void> {
  try {
    await publishOutcome(await deployJob(getInputs(core), currentRun(), coreLogger), describe);
  } catch (error) {
    core.setFailed(describe(error));
  }
}
