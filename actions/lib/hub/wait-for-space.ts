import type { Clock, Logger } from '#lib/log';
import { SpacePausedError, SpaceStageError, SpaceWakeTimeoutError } from './errors';
import type { HubClientOptions } from './hub-api';
import { getSpaceStatus, restartSpace, stageAction } from './space-status';
import type { SpaceStatus } from './space-status';

export interface WaitForSpaceOptions extends HubClientOptions {
  logger: Logger;
  clock: Clock;
  /** Give up after this long, default 5 minutes (a CPU Space loading a model takes a minute or two). */
  timeoutMs?: number;
  pollMs?: number;
  /** Repeat progress for an unchanged stage this often. */
  reportEveryMs?: number;
}

const DEFAULT_WAKE_TIMEOUT_MS = 300_000;

/**
 * Resolves once the Space serves requests. A sleeping Space is woken the documented way, by visiting it; a paused one
 * is restarted (needs a write token); BUILDING/APP_STARTING are waited out; error stages fail at once.
 */
export async function waitForSpace(id: string, options: WaitForSpaceOptions): Promise<SpaceStatus> {
  const { logger, clock } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAKE_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 2_000;
  const reportEveryMs = options.reportEveryMs ?? 30_000;
  const started = clock.now();
  let lastStage = '';
  let lastReport = started;
  let visited = false;
  let restarted = false;

  for (;;) {
    const status = await getSpaceStatus(id, options);
    const action = stageAction(status.stage);
    const elapsed = clock.now() - started;
    if (action === 'ready') {
      if (lastStage !== '')
        logger.info(`Space ${id} is ${status.stage} after ${Math.round(elapsed / 1000)}s`);
      return status;
    }
    if (action === 'fail') throw new SpaceStageError(id, status.stage, status.errorMessage);
    if (status.stage !== lastStage || clock.now() - lastReport >= reportEveryMs) {
      logger.info(
        `Space ${id} is ${status.stage}: ${describe(action)} (${Math.round(elapsed / 1000)}s elapsed)`,
      );
      lastStage = status.stage;
      lastReport = clock.now();
    }
    if (action === 'wake' && !visited) {
      visited = true;
      await visit(status.host, options);
    }
    if (action === 'restart' && !restarted) {
      if (!options.token) throw new SpacePausedError(id);
      restarted = true;
      await restartSpace(id, options);
    }
    if (elapsed >= timeoutMs) throw new SpaceWakeTimeoutError(id, status.stage, elapsed);
    await clock.sleep(pollMs);
  }
}

function describe(action: 'wait' | 'wake' | 'restart'): string {
  if (action === 'wake') return 'waking it up';
  if (action === 'restart') return 'restarting it';
  return 'waiting for it to start';
}

/** A request to the app's host is what wakes a sleeping Space; its answer (often 503 while starting) is irrelevant. */
async function visit(host: string, options: HubClientOptions): Promise<void> {
  try {
    const response = await (options.fetch ?? fetch)(`${host}/`, {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    await response.body?.cancel();
  } catch {
    // The Hub runtime, not this answer, tells whether the wake-up worked.
  }
}
