import { z } from 'zod';
import { SumopsError } from '#lib/errors';
import { oneLine } from '#lib/hub/errors';
import { spaceApi } from '#lib/hub/hub-api';
import type { SpaceStage } from '#lib/hub/space-status';
import type { Clock, Logger } from '#lib/log';
import type { LogTail, SpaceLogKind } from './space-logs';
import { readLogTail } from './space-logs';
import type { HubAccess } from './types';

/** `GET /api/spaces/{id}/runtime`; `sha` and `errorMessage` are optional (huggingface_hub `SpaceRuntime`). */
const RuntimeSchema = z.object({
  stage: z.string(),
  sha: z.string().nullish(),
  errorMessage: z.string().nullish(),
});

export interface SpaceRuntime {
  stage: SpaceStage;
  /** The commit the serving build came from, when the Hub says. */
  sha?: string;
  errorMessage?: string;
}

/** Stages that end by themselves (huggingface_hub's INTERMEDIATE_SPACE_STAGES). */
const INTERMEDIATE = new Set(['BUILDING', 'RUNNING_BUILDING', 'APP_STARTING', 'RUNNING_APP_STARTING']);
/** Stages a broken build or app ends in, and the log that says why. */
const FAILED: Record<string, SpaceLogKind> = {
  BUILD_ERROR: 'build',
  CONFIG_ERROR: 'build',
  NO_APP_FILE: 'build',
  RUNTIME_ERROR: 'run',
};
/** Stages a deploy cannot leave without someone acting on the Hub. */
const HALTED = new Set(['PAUSED', 'STOPPED', 'DELETING']);

export const DEFAULT_DEPLOY_TIMEOUT_MS = 15 * 60_000;
/** Without a runtime `sha`, an unchanged RUNNING is taken as the new build after this long. */
const DEFAULT_STALE_GRACE_MS = 60_000;

/** The Space ended in an error stage (or a halted one) after our commit. */
export class SpaceDeployStageError extends SumopsError {
  constructor(
    readonly spaceId: string,
    readonly stage: SpaceStage,
    readonly errorMessage: string | undefined,
    /** The end of the log that explains the stage; absent for halted stages. */
    readonly log: (LogTail & { kind: SpaceLogKind }) | undefined,
  ) {
    super(
      `Space ${spaceId} is ${stage} after the deploy${errorMessage ? `: ${oneLine(errorMessage).slice(0, 300)}` : ''}`,
    );
  }
}

export class SpaceDeployTimeoutError extends SumopsError {
  constructor(
    readonly spaceId: string,
    readonly stage: SpaceStage,
    readonly waitedMs: number,
    /** The commit the Hub said the Space runs, when that was not the one waited for. */
    readonly otherSha?: string,
  ) {
    super(
      `Space ${spaceId} was still ${stage} ${Math.round(waitedMs / 1000)}s after the deploy` +
        (otherSha ? ` (running commit ${otherSha.slice(0, 12)}, not the deployed one)` : ''),
    );
  }
}

export async function readSpaceRuntime(access: HubAccess, spaceId: string): Promise<SpaceRuntime> {
  const answer = await spaceApi(spaceId, '/runtime', {
    hubUrl: access.hubUrl,
    token: access.accessToken,
    fetch: access.fetch,
  });
  const parsed = RuntimeSchema.parse(answer);
  return {
    stage: parsed.stage,
    ...(parsed.sha ? { sha: parsed.sha } : {}),
    ...(parsed.errorMessage ? { errorMessage: parsed.errorMessage } : {}),
  };
}

/**
 * What the wait is for. `new-commit`: a commit was just made, so the first stages seen may be the previous build's.
 * `restart`: the Space was restarted (new settings) at the same commit, so only a stage seen after it moved counts.
 * `current`: nothing changed; the stage the Space reports for `commit` is the answer.
 */
export type WaitFor = 'new-commit' | 'restart' | 'current';

export interface WaitForDeployOptions {
  access: HubAccess;
  spaceId: string;
  /** The commit that must be running; null when the Space has none (then any stage is current). */
  commit: string | null;
  /** Default `new-commit`. */
  waitFor?: WaitFor;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
  pollMs?: number;
  staleGraceMs?: number;
  /** Bounds for reading the log tail of a failed stage. */
  logTail?: { lines?: number; maxBytes?: number; maxMs?: number; idleMs?: number };
}

export interface DeployedRuntime extends SpaceRuntime {
  waitedMs: number;
  polls: number;
}

/**
 * Polls the Space runtime until the build of `commit` is RUNNING, failing on an error stage with the end of the
 * matching log. Right after a commit the Hub may still report the previous build, so a stage only counts once it
 * is current: a runtime `sha` other than `commit` never is (someone else's build), the runtime `sha` naming the
 * commit is, and so is (with no `sha` reported) a stage that changed since the first read or one seen after the
 * grace period. After a restart at the same commit the `sha` proves nothing, so only movement or the grace period
 * count.
 */
export async function waitForDeployedRuntime(options: WaitForDeployOptions): Promise<DeployedRuntime> {
  const { clock, logger, spaceId, commit } = options;
  const waitFor = options.waitFor ?? 'new-commit';
  const timeoutMs = options.timeoutMs ?? DEFAULT_DEPLOY_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 3_000;
  const graceMs = Math.min(options.staleGraceMs ?? DEFAULT_STALE_GRACE_MS, timeoutMs);
  const started = clock.now();
  let initialStage: string | undefined;
  let moved = false;
  let lastReported = '';
  let lastReportAt = started;

  for (let polls = 1; ; polls++) {
    const runtime = await readSpaceRuntime(options.access, spaceId);
    const waitedMs = clock.now() - started;
    initialStage ??= runtime.stage;
    if (runtime.stage !== initialStage) moved = true;
    const otherSha = commit !== null && runtime.sha !== undefined && runtime.sha !== commit;
    const current =
      commit === null ||
      (!otherSha &&
        (waitFor === 'current' ||
          (waitFor === 'new-commit' && runtime.sha === commit) ||
          moved ||
          waitedMs >= graceMs));

    if (current) {
      if (runtime.stage === 'RUNNING') {
        logger.info(`Space ${spaceId} is RUNNING${runtime.sha ? ` ${runtime.sha.slice(0, 12)}` : ''}`);
        return { ...runtime, waitedMs, polls };
      }
      const logKind = FAILED[runtime.stage];
      if (logKind) {
        const log = await readLogTail({ access: options.access, spaceId, kind: logKind, ...options.logTail });
        throw new SpaceDeployStageError(spaceId, runtime.stage, runtime.errorMessage, {
          kind: logKind,
          ...log,
        });
      }
      if (HALTED.has(runtime.stage)) {
        throw new SpaceDeployStageError(spaceId, runtime.stage, runtime.errorMessage, undefined);
      }
    }

    const label = current ? runtime.stage : `${runtime.stage} (previous build)`;
    if (label !== lastReported || clock.now() - lastReportAt >= 30_000) {
      const waiting = INTERMEDIATE.has(runtime.stage) || !current ? 'waiting' : 'waiting for a known stage';
      logger.info(`Space ${spaceId} is ${label}: ${waiting} (${Math.round(waitedMs / 1000)}s)`);
      lastReported = label;
      lastReportAt = clock.now();
    }
    if (waitedMs >= timeoutMs) {
      throw new SpaceDeployTimeoutError(spaceId, runtime.stage, waitedMs, otherSha ? runtime.sha : undefined);
    }
    await clock.sleep(Math.min(pollMs, Math.max(1, timeoutMs - waitedMs)));
  }
}
