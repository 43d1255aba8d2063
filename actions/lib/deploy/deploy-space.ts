import { errorMessage } from '#lib/errors';
import type { EvalOptions, EvalResult } from '#lib/evaluate/index';
import { runEvaluation } from '#lib/evaluate/index';
import { resolveFolder } from '#lib/fs/no-follow';
import type { Document } from '#lib/ingest/document';
import type { Clock, Logger } from '#lib/log';
import { ensureSpace } from './create';
import { MalformedTokenError, MissingTokenError } from './errors';
import type { DeployedRuntime } from './runtime';
import {
  readSpaceRuntime,
  SpaceDeployStageError,
  SpaceDeployTimeoutError,
  waitForDeployedRuntime,
} from './runtime';
import { smokeTestSpace, SmokeTestError } from './smoke';
import { applySpaceSettings } from './space-settings';
import type { KeyValue } from './space-settings';
import { restoreRevision } from './restore';
import { syncFolder } from './sync';
import { checkWriteAccess } from './token';
import type { HubAccess, SyncResult } from './types';

export type { KeyValue } from './space-settings';

/** Scores the live Space on fixtures after a good deploy: the record of what went live. */
export interface LiveEvaluation {
  fixtures: string[];
  cwd: string;
  gitSha?: string;
  loadDocument?: (source: string) => Promise<Document>;
}

export interface DeploySpaceOptions {
  access: HubAccess;
  spaceId: string;
  dir: string;
  ignore?: string[];
  /** Deploy `dir` even when it is a symlink (the CLI, for a folder the user named); never in the actions. */
  allowFolderLink?: boolean;
  create: boolean;
  private: boolean;
  dryRun: boolean;
  secrets?: KeyValue[];
  variables?: KeyValue[];
  /** Space commit title (the source commit's subject) and description (where it came from). */
  title: string;
  description?: string;
  /** Wait for the runtime to run the new commit; without it there is no smoke test, rollback or evaluation. */
  wait: boolean;
  smoke: boolean;
  rollback: boolean;
  waitTimeoutMs?: number;
  pollMs?: number;
  evaluate?: LiveEvaluation;
  clock: Clock;
  logger: Logger;
}

export type SmokeOutcome = 'passed' | 'failed' | 'skipped';

/** Why a deploy did not go live. */
export type DeployFailure =
  | { kind: 'build'; error: SpaceDeployStageError }
  | { kind: 'timeout'; error: SpaceDeployTimeoutError }
  | { kind: 'smoke'; error: SmokeTestError };

export interface RollbackReport {
  /** The revision whose tree was committed back. */
  to: string;
  /** The rollback commit; null when the tree already matched. */
  commit: string | null;
  /** Stage after the rollback; null when it could not be waited for. */
  stage: string | null;
  /** Why the rollback itself failed, if it did. */
  error?: string;
}

export interface DeployReport {
  spaceId: string;
  /** The Space's page on the Hub. */
  url: string;
  /** Link to the Space commit; null when nothing was committed. */
  commitUrl: string | null;
  dryRun: boolean;
  created: boolean;
  sync: SyncResult;
  /** Last runtime stage seen; null on a dry run and when nothing changed (no runtime read). */
  stage: string | null;
  runtime?: DeployedRuntime;
  smoke: SmokeOutcome;
  smokeSummary?: string;
  failure?: DeployFailure;
  rolledBack: boolean;
  rollback?: RollbackReport;
  evaluation?: EvalResult;
  /** The evaluation could not run; the deploy itself stands. */
  evaluationError?: string;
  /** `deployed`: live and answering; `unchanged`: nothing to commit; `planned`: dry run. */
  outcome: 'deployed' | 'unchanged' | 'planned' | 'failed';
}

function spacePageUrl(hubUrl: string, spaceId: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/spaces/${spaceId}`;
}

/**
 * Ships a folder to a Space and proves it works: token check, create if asked, secrets and variables, diff-only
 * sync, wait for the new build, smoke test, and on a failed build or smoke test a rollback to the previous tree
 * (then waits for that too). A good deploy is evaluated on the fixtures when asked. Failures of the deploy are
 * reported in the result (so entries can still print what happened); bad tokens or configuration throw.
 */
export async function deploySpace(options: DeploySpaceOptions): Promise<DeployReport> {
  const { access, spaceId, logger, clock } = options;
  const url = spacePageUrl(access.hubUrl, spaceId);
  // Before anything else (no request yet): the folder must be a folder, not a link to somewhere else.
  const folder = await resolveFolder(options.dir, { allowLink: options.allowFolderLink ?? false });
  if (folder.viaLink) logger.info(`${options.dir} is a symbolic link: deploying ${folder.real}, as named`);
  const dir = folder.real;

  let created = false;
  if (options.dryRun) {
    // A dry run only reads, so a read token will do; a missing or malformed one is still a configuration error.
    if (access.accessToken === '') throw new MissingTokenError(spaceId);
    if (!access.accessToken.startsWith('hf_')) throw new MalformedTokenError(spaceId);
  } else {
    const { user } = await checkWriteAccess(access, spaceId);
    logger.info(`token of ${user} may write to ${spaceId}`);
    ({ created } = await ensureSpace({
      access,
      spaceId,
      dir,
      create: options.create,
      private: options.private,
    }));
    if (created) logger.info(`created Space ${spaceId}`);
    const secrets = options.secrets ?? [];
    const variables = options.variables ?? [];
    if (secrets.length + variables.length > 0) {
      await applySpaceSettings({ access, spaceId, secrets, variables });
      logger.info(`set ${secrets.length} secret(s) and ${variables.length} variable(s) on ${spaceId}`);
    }
  }

  const sync = await syncFolder({
    access,
    spaceId,
    dir,
    ...(options.ignore ? { ignore: options.ignore } : {}),
    dryRun: options.dryRun,
    title: options.title,
    ...(options.description !== undefined ? { description: options.description } : {}),
    logger,
  });
  const base = {
    spaceId,
    url,
    commitUrl: sync.commit ? `${url}/commit/${sync.commit}` : null,
    dryRun: options.dryRun,
    created,
    sync,
    rolledBack: false,
  };
  if (options.dryRun) return { ...base, stage: null, smoke: 'skipped', outcome: 'planned' };
  // Nothing committed, nothing to wait for: a no-op deploy stays at the sync's four Hub requests.
  if (sync.commit === null) return { ...base, stage: null, smoke: 'skipped', outcome: 'unchanged' };
  if (!options.wait) {
    const { stage } = await readSpaceRuntime(access, spaceId);
    return { ...base, stage, smoke: 'skipped', outcome: 'deployed' };
  }

  const waitFor = (commit: string | null) =>
    waitForDeployedRuntime({
      access,
      spaceId,
      commit,
      clock,
      logger,
      ...(options.waitTimeoutMs !== undefined ? { timeoutMs: options.waitTimeoutMs } : {}),
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });

  let runtime: DeployedRuntime;
  try {
    runtime = await waitFor(sync.commit);
  } catch (error) {
    const failure = asDeployFailure(error);
    const stage = failure.error.stage;
    return finishFailed({ ...base, stage, smoke: 'skipped', failure }, options, waitFor);
  }

  let smokeSummary: string | undefined;
  if (options.smoke) {
    try {
      smokeSummary = (await smokeTestSpace({ access, spaceId, clock, logger })).summary;
      logger.info(`smoke test passed: ${JSON.stringify(smokeSummary.slice(0, 80))}`);
    } catch (error) {
      if (!(error instanceof SmokeTestError)) throw error;
      const failure: DeployFailure = { kind: 'smoke', error };
      return finishFailed(
        { ...base, stage: runtime.stage, runtime, smoke: 'failed', failure },
        options,
        waitFor,
      );
    }
  }

  const report: DeployReport = {
    ...base,
    stage: runtime.stage,
    runtime,
    smoke: options.smoke ? 'passed' : 'skipped',
    ...(smokeSummary !== undefined ? { smokeSummary } : {}),
    outcome: 'deployed',
  };
  if (options.evaluate) {
    try {
      report.evaluation = await evaluateLive(options, options.evaluate, sync.commit);
    } catch (error) {
      report.evaluationError = errorMessage(error);
      logger.warn(`evaluating the live Space failed: ${report.evaluationError}`);
    }
  }
  return report;
}

function asDeployFailure(error: unknown): Exclude<DeployFailure, { kind: 'smoke' }> {
  if (error instanceof SpaceDeployStageError) return { kind: 'build', error };
  if (error instanceof SpaceDeployTimeoutError) return { kind: 'timeout', error };
  throw error;
}

/** Rolls back (when allowed and possible) and marks the report failed: the new commit did not go live. */
async function finishFailed(
  report: Omit<DeployReport, 'outcome'> & { failure: DeployFailure },
  options: DeploySpaceOptions,
  waitFor: (commit: string | null) => Promise<DeployedRuntime>,
): Promise<DeployReport> {
  const parent = report.sync.parentCommit;
  const failed: DeployReport = { ...report, outcome: 'failed' };
  if (!options.rollback || parent === null) return failed;

  const { logger } = options;
  logger.warn(`${report.failure.error.message}; rolling back to ${parent.slice(0, 12)}`);
  const rollback: RollbackReport = { to: parent, commit: null, stage: null };
  failed.rollback = rollback;
  try {
    const restored = await restoreRevision({
      access: options.access,
      spaceId: options.spaceId,
      revision: parent,
      title: `Roll back to ${parent.slice(0, 12)}: ${describeFailure(report.failure)}`,
      description: `sumops rolled back ${report.sync.commit ?? 'the deploy'} because ${report.failure.error.message}.`,
      logger,
    });
    rollback.commit = restored.commit;
    failed.rolledBack = true;
    const runtime = await waitFor(restored.commit);
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

export function describeFailure(failure: DeployFailure): string {
  switch (failure.kind) {
    case 'build':
      return `the Space ended in ${failure.error.stage}`;
    case 'timeout':
      return `the Space was still ${failure.error.stage} at the timeout`;
    case 'smoke':
      return 'the smoke test failed';
  }
}

async function evaluateLive(
  options: DeploySpaceOptions,
  live: LiveEvaluation,
  commit: string,
): Promise<EvalResult> {
  const evalOptions: EvalOptions = {
    fixtures: live.fixtures,
    cwd: live.cwd,
    provider: {
      kind: 'space',
      space: options.spaceId,
      token: options.access.accessToken,
      hubUrl: options.access.hubUrl,
    },
    gitSha: live.gitSha ?? commit,
  };
  return runEvaluation(evalOptions, {
    logger: options.logger,
    clock: options.clock,
    ...(options.access.fetch ? { fetch: options.access.fetch } : {}),
    ...(live.loadDocument ? { loadDocument: live.loadDocument } : {}),
  });
}
