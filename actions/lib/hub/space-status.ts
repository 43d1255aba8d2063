import { HubRequestError } from './errors';
import { spaceApi } from './hub-api';
import type { HubClientOptions } from './hub-api';

/**
 * Known runtime stages: the union of huggingface_hub's `SpaceStage` (src/huggingface_hub/_space_api.py) and
 * @huggingface/hub 2.17.5's `SpaceStage` type. The Hub may add more, so stages stay strings.
 */
export type KnownSpaceStage =
  | 'NO_APP_FILE'
  | 'CONFIG_ERROR'
  | 'BUILDING'
  | 'BUILD_ERROR'
  | 'APP_STARTING'
  | 'RUNNING'
  | 'RUNNING_BUILDING'
  | 'RUNNING_APP_STARTING'
  | 'RUNTIME_ERROR'
  | 'DELETING'
  | 'STOPPED'
  | 'PAUSED'
  | 'SLEEPING';

export type SpaceStage = KnownSpaceStage | (string & {});

export interface SpaceStatus {
  id: string;
  /** Base URL of the app, e.g. https://owner-name.hf.space. */
  host: string;
  stage: SpaceStage;
  errorMessage?: string;
}

/** What waiting code should do about a stage. */
export type StageAction = 'ready' | 'wait' | 'wake' | 'restart' | 'fail';

export function stageAction(stage: SpaceStage): StageAction {
  switch (stage) {
    // RUNNING_* stages still serve the previous build while the next one starts.
    case 'RUNNING':
    case 'RUNNING_BUILDING':
    case 'RUNNING_APP_STARTING':
      return 'ready';
    case 'SLEEPING':
    case 'STOPPED':
      return 'wake';
    case 'PAUSED':
      return 'restart';
    case 'NO_APP_FILE':
    case 'CONFIG_ERROR':
    case 'BUILD_ERROR':
    case 'RUNTIME_ERROR':
    case 'DELETING':
      return 'fail';
    default:
      // BUILDING, APP_STARTING and stages newer than this code: they end by themselves or time out.
      return 'wait';
  }
}

interface ApiSpaceInfo {
  id?: unknown;
  host?: unknown;
  subdomain?: unknown;
  runtime?: { stage?: unknown; errorMessage?: unknown };
}

/** `GET {hub}/api/spaces/{id}`: where the app lives and what stage it is in. */
export async function getSpaceStatus(id: string, options: HubClientOptions): Promise<SpaceStatus> {
  const info = (await spaceApi(id, '', options)) as ApiSpaceInfo;
  let host = typeof info.host === 'string' ? info.host : undefined;
  if (!host && typeof info.subdomain === 'string') host = `https://${info.subdomain}.hf.space`;
  if (!host) {
    const answer = (await spaceApi(id, '/host', options)) as { host?: unknown };
    if (typeof answer.host !== 'string') {
      throw new HubRequestError(`/api/spaces/${id}/host`, 200, 'the answer has no host');
    }
    host = answer.host;
  }
  const stage = typeof info.runtime?.stage === 'string' ? info.runtime.stage : 'RUNNING';
  const errorMessage = typeof info.runtime?.errorMessage === 'string' ? info.runtime.errorMessage : undefined;
  return { id, host: host.replace(/\/$/, ''), stage, ...(errorMessage ? { errorMessage } : {}) };
}

/** `POST {hub}/api/spaces/{id}/restart`: the only way out of PAUSED; needs a write token. */
export async function restartSpace(id: string, options: HubClientOptions): Promise<void> {
  await spaceApi(id, '/restart', options, { method: 'POST' });
}
