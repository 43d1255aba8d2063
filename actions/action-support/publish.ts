import * as core from '@actions/core';
import type { ActionOutcome } from './job';

/**
 * Publishes a job's outcome on the runner: the outputs (first: later steps need them even when the summary cannot
 * be written), the job summary, a log group, the warnings, then the verdict. An error the job carried
 * (`outcome.error`) fails the step last, in the entry's words (`describe`, as for a thrown one).
 */
export async function publishOutcome(
  outcome: ActionOutcome,
  describe: (error: unknown) => string,
): Promise<void> {
  for (const [name, value] of Object.entries(outcome.outputs)) core.setOutput(name, value);
  if (outcome.summary !== undefined) await core.summary.addRaw(outcome.summary).write();
  if (outcome.group && outcome.group.lines.length > 0) {
    core.startGroup(outcome.group.title);
    // Prefixed so no line can start with "::" and be read as a workflow command.
    for (const line of outcome.group.lines) core.info(`| ${line}`);
    core.endGroup();
  }
  for (const warning of outcome.warnings ?? []) core.warning(warning);
  if (outcome.error !== undefined) core.setFailed(describe(outcome.error));
  else if (outcome.failure) core.setFailed(outcome.failure);
}
