import { errorMessage } from '#lib/errors';
import type { Logger } from '#lib/log';
import { describeFailure } from './deploy-report';
import type { DeployFailure, DeployReport, RollbackReport } from './deploy-report';
import { restoreRevision } from './restore';
import type { DeployedRuntime, WaitFor } from './runtime';
import { SpaceDeployStageError, SpaceDeployTimeoutError } from './runtime';
import { restoreVariables } from './space-settings';
import type { SettingsChange } from './space-settings';
import type { HubAccess } from './types';

/** Waits until the Space runs `commit` (the way `waitFor` says), throwing the stage or timeout error otherwise. */
export type Verify = (commit: string | null, waitFor: WaitFor) => Promise<DeployedRuntime>;

export type FailedDeploy = Omit<DeployReport, 'outcome'> & { failure: DeployFailure };

interface RollbackContext {
  access: HubAccess;
  spaceId: string;
  rollback: boolean;
  lastGoodCommit?: string;
  settings: SettingsChange;
  logger: Logger;
}

/**
 * Marks the report failed and, when allowed, undoes what did not work: this run's commit (back to the tree before
 * it, committed on top of that very commit so nobody else's work is overwritten), this run's variables, or, when
 * the run changed nothing and found the Space broken, the tree of the last good commit. Then waits for the result.
 */
export async function finishFailed(
  report: FailedDeploy,
  context: RollbackContext,
  verify: Verify,
): Promise<DeployReport> {
  const failed: DeployReport = { ...report, outcome: 'failed' };
  const { sync } = report;
  const head = sync.commit ?? sync.parentCommit;
  // Our commit goes back to its parent; with no commit of ours, a broken head goes back to the last good deploy.
  const revision = sync.commit
    ? sync.parentCommit
    : context.lastGoodCommit !== undefined && context.lastGoodCommit !== head
      ? context.lastGoodCommit
      : null;
  const settings = context.settings;
  if (!context.rollback || (revision === null && settings.variables.length === 0) || head === null)
    return failed;

  const { logger } = context;
  const what = revision ? `the tree of ${revision.slice(0, 12)}` : 'the previous variables';
  logger.warn(`${report.failure.error.message}; rolling back to ${what}`);
  const rollback: RollbackReport = {
    to: revision,
    commit: null,
    variables: [],
    secretsKept: settings.secrets.map((entry) => entry.key),
    stage: null,
  };
  failed.rollback = rollback;
  try {
    if (settings.variables.length > 0) {
      rollback.variables = await restoreVariables(context.access, context.spaceId, settings);
    }
    if (revision) {
      const restored = await restoreRevision({
        access: context.access,
        spaceId: context.spaceId,
        revision,
        over: head,
        title: `Roll back to ${revision.slice(0, 12)}: ${describeFailure(report.failure)}`,
        description: `sumops rolled back ${head} because ${report.failure.error.message}.`,
        logger,
      });
      rollback.commit = restored.commit;
    }
    failed.rolledBack = true;
    const runtime = rollback.commit
      ? await verify(rollback.commit, 'new-commit')
      : await verify(head, rollback.variables.length > 0 ? 'restart' : 'current');
    rollback.stage = runtime.stage;
    failed.stage = runtime.stage;
  } catch (error) {
    rollback.error = errorMessage(error);
    if (error instanceof SpaceDeployStageError || error instanceof SpaceDeployTimeoutError) {
      rollback.stage = error.stage;
      failed.stage = error.stage;
    }
  }
  return failed;
}
