import { errorMessage } from '#lib/errors';
import type { EvalOptions, EvalResult } from '#lib/evaluate/index';
import { runEvaluation } from '#lib/evaluate/index';
import { resolveFolder } from '#lib/fs/no-follow';
import { restartSpace } from '#lib/hub/space-status';
import type { Document } from '#lib/ingest/document';
import type { Clock, Logger } from '#lib/log';
import { ensureSpace, inspectSpace } from './create';
import { finishFailed } from './deploy-rollback';
import type { FailedDeploy, Verify } from './deploy-rollback';
import type { DeployFailure, DeployReport } from './deploy-report';
import {
  AppTokenRequiredError,
  MalformedTokenError,
  MissingTokenError,
  SpaceTagMismatchError,
} from './errors';
import type { DeployedRuntime, WaitFor } from './runtime';
import {
  readSpaceRuntime,
  SpaceDeployStageError,
  SpaceDeployTimeoutError,
  waitForDeployedRuntime,
} from './runtime';
import { smokeTestSpace, SmokeTestError } from './smoke';
import { applySpaceSettings, planSettings, readSpaceVariables } from './space-settings';
import type { KeyValue, SettingsChange } from './space-settings';
import { syncFolder } from './sync';
import { checkWriteAccess } from './token';
import type { HubAccess } from './types';

export type { KeyValue } from './space-settings';
export type { DeployFailure, DeployReport } from './deploy-report';

/** Scores the live Space on fixtures after a good deploy: the record of what went live. */
export interface LiveEvaluation {
  fixtures: string[];
  cwd: string;
  gitSha?: string;
  loadDocument?: (source: string) => Promise<Document>;
}

export interface DeploySpaceOptions {
  /** The Hub and the write token: for the Hub API only, never sent to the Space's app. */
  access: HubAccess;
  /**
   * The token the smoke test and the evaluation give the Space's app: a read token. Sent only when the Space is
   * private (a public app gets no token at all); a private Space without one is refused before any write.
   */
  appToken?: string;
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
  /**
   * A variable that marks the Space as this deploy's (a preview made for this repository's PR). An existing Space
   * without it is refused before any write; a Space this deploy creates gets it first.
   */
  tag?: KeyValue;
  /**
   * The last Space commit that went live and passed (from the score history). When a run that changes nothing finds
   * the Space broken, it rolls back to this commit's tree.
   */
  lastGoodCommit?: string;
  /** Space commit title (the source commit's subject) and description (where it came from). */
  title: string;
  description?: string;
  /** Wait for the runtime to run the deployed commit; without it there is no smoke test, rollback or evaluation. */
  wait: boolean;
  smoke: boolean;
  rollback: boolean;
  waitTimeoutMs?: number;
  pollMs?: number;
  evaluate?: LiveEvaluation;
  clock: Clock;
  logger: Logger;
}

function spacePageUrl(hubUrl: string, spaceId: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/spaces/${spaceId}`;
}

const NO_CHANGE: SettingsChange = { variables: [], secrets: [], previous: new Map() };

/**
 * Ships a folder to a Space and proves it works: token check, create if asked, secrets and variables (only those
 * that change), diff-only sync, then the proof, also when nothing changed (a re-run after a failed rollback must
 * not turn green on a broken Space): the Space must run the deployed commit, RUNNING, and pass the smoke test.
 * A failure rolls back what this run changed (the previous tree, the previous variables), or, when the run changed
 * nothing, the tree of the last good commit. A good deploy is evaluated on the fixtures when asked. Failures of the
 * deploy are reported in the result; bad tokens, files or configuration throw.
 */
export async function deploySpace(options: DeploySpaceOptions): Promise<DeployReport> {
  const { access, spaceId, logger } = options;
  const url = spacePageUrl(access.hubUrl, spaceId);
  // Before anything else (no request yet): the folder must be a folder, not a link to somewhere else.
  const folder = await resolveFolder(options.dir, { allowLink: options.allowFolderLink ?? false });
  if (folder.viaLink) logger.info(`${options.dir} is a symbolic link: deploying ${folder.real}, as named`);
  const dir = folder.real;
  const verifies = options.wait && (options.smoke || options.evaluate !== undefined);

  let created = false;
  let isPrivate = false;
  let settings = NO_CHANGE;
  if (options.dryRun) {
    // A dry run only reads, so a read token will do; a missing or malformed one is still a configuration error.
    if (access.accessToken === '') throw new MissingTokenError(spaceId);
    if (!access.accessToken.startsWith('hf_')) throw new MalformedTokenError(spaceId);
  } else {
    const { user } = await checkWriteAccess(access, spaceId);
    logger.info(`token of ${user} may write to ${spaceId}`);
    const known = await inspectSpace(access, spaceId);
    isPrivate = known.exists ? known.private : options.private;
    if (verifies && isPrivate && !options.appToken) throw new AppTokenRequiredError(spaceId);
    const variables = options.variables ?? [];
    const current =
      known.exists && (variables.length > 0 || options.tag)
        ? await readSpaceVariables(access, spaceId)
        : new Map<string, string>();
    const tag = options.tag;
    if (known.exists && tag && current.get(tag.key) !== tag.value) {
      throw new SpaceTagMismatchError(spaceId, tag.key, tag.value, current.get(tag.key));
    }
    ({ created } = await ensureSpace({
      access,
      spaceId,
      dir,
      create: options.create,
      private: options.private,
      known,
    }));
    if (created) {
      logger.info(`created Space ${spaceId}`);
      if (tag) await applySpaceSettings({ access, spaceId, secrets: [], variables: [tag] });
    }
    settings = planSettings(current, variables, options.secrets ?? []);
    if (settings.variables.length + settings.secrets.length > 0) {
      await applySpaceSettings({ access, spaceId, secrets: settings.secrets, variables: settings.variables });
      logger.info(
        `set ${settings.secrets.length} secret(s) and ${settings.variables.length} changed variable(s) on ${spaceId}`,
      );
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
  const settingsChanged = settings.variables.length + settings.secrets.length > 0;
  const spaceCommit = sync.commit ?? sync.parentCommit;
  const base = {
    spaceId,
    url,
    commitUrl: sync.commit ? `${url}/commit/${sync.commit}` : null,
    dryRun: options.dryRun,
    created,
    sync,
    spaceCommit,
    settingsChanged: {
      variables: settings.variables.map((entry) => entry.key),
      secrets: settings.secrets.map((entry) => entry.key),
    },
    rolledBack: false,
  };
  if (options.dryRun) return { ...base, stage: null, smoke: 'skipped', outcome: 'planned' };
  const changed = sync.commit !== null || settingsChanged;
  if (!options.wait) {
    const { stage } = await readSpaceRuntime(access, spaceId);
    return { ...base, stage, smoke: 'skipped', outcome: changed ? 'deployed' : 'unchanged' };
  }

  const verify: Verify = async (commit, waitFor) => {
    // New settings take effect on a restart; a new commit rebuilds with them anyway.
    if (waitFor === 'restart')
      await restartSpace(spaceId, { hubUrl: access.hubUrl, token: access.accessToken, fetch: access.fetch });
    return waitForDeployedRuntime({
      access,
      spaceId,
      commit,
      waitFor,
      clock: options.clock,
      logger,
      ...(options.waitTimeoutMs !== undefined ? { timeoutMs: options.waitTimeoutMs } : {}),
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });
  };
  const waitFor: WaitFor = sync.commit ? 'new-commit' : settingsChanged ? 'restart' : 'current';
  if (!changed)
    logger.info(
      `nothing to change on ${spaceId}: checking that it runs ${spaceCommit?.slice(0, 12) ?? 'its head'}`,
    );
  const appToken = isPrivate ? options.appToken : undefined;
  const failed = (report: FailedDeploy) => finishFailed(report, { ...options, settings }, verify);

  let runtime: DeployedRuntime;
  try {
    runtime = await verify(spaceCommit, waitFor);
  } catch (error) {
    const failure = asDeployFailure(error);
    return failed({ ...base, stage: failure.error.stage, smoke: 'skipped', failure });
  }

  let smokeSummary: string | undefined;
  if (options.smoke) {
    try {
      smokeSummary = (
        await smokeTestSpace({
          access,
          ...(appToken ? { appToken } : {}),
          spaceId,
          clock: options.clock,
          logger,
        })
      ).summary;
      logger.info(`smoke test passed: ${JSON.stringify(smokeSummary.slice(0, 80))}`);
    } catch (error) {
      if (!(error instanceof SmokeTestError)) throw error;
      return failed({
        ...base,
        stage: runtime.stage,
        runtime,
        smoke: 'failed',
        failure: { kind: 'smoke', error },
      });
    }
  }

  const report: DeployReport = {
    ...base,
    stage: runtime.stage,
    runtime,
    smoke: options.smoke ? 'passed' : 'skipped',
    ...(smokeSummary !== undefined ? { smokeSummary } : {}),
    outcome: changed ? 'deployed' : 'unchanged',
  };
  if (changed && options.evaluate && spaceCommit) {
    try {
      report.evaluation = await evaluateLive(options, options.evaluate, spaceCommit, appToken);
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

async function evaluateLive(
  options: DeploySpaceOptions,
  live: LiveEvaluation,
  commit: string,
  appToken: string | undefined,
): Promise<EvalResult> {
  const evalOptions: EvalOptions = {
    fixtures: live.fixtures,
    cwd: live.cwd,
    provider: {
      kind: 'space',
      space: options.spaceId,
      ...(appToken ? { token: appToken } : {}),
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
