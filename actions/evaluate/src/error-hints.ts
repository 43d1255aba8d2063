import { firstHint, gitHubTokenHint } from '#action-support/error-hints';
import type { ActionHint } from '#action-support/error-hints';
import { BaselineFileError, MissingShardsError, NoFixturesError, ShardSetError } from '#lib/evaluate/errors';
import { HubUnreachableError, SpaceAccessError, SpacePausedError } from '#lib/hub/errors';
import { BodyTooLargeError, FetchTimeoutError } from '#lib/ingest/errors';
import { DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { DEFAULT_FETCH_TIMEOUT_MS } from './inputs';

/** The evaluate action's words for library errors: its input names and its defaults, not the CLI's flags. */
const evaluateInputHint: ActionHint = (error) => {
  if (error instanceof FetchTimeoutError)
    return `raise the fetch-timeout input (milliseconds, default ${DEFAULT_FETCH_TIMEOUT_MS}) to wait longer`;
  if (error instanceof BodyTooLargeError)
    return 'raise the max-bytes input if this page is legitimate, or make the case a file fixture';
  if (error instanceof NoFixturesError)
    return `set the fixtures input; its default is ${DEFAULT_FIXTURE_GLOBS.join(' and ')}, relative to the workspace`;
  if (error instanceof BaselineFileError)
    return "the baseline input takes an earlier run's scores.json (its scores-path output, or main's eval-scores-main artifact)";
  if (error instanceof MissingShardsError)
    return 'a matrix job of that shard failed or uploaded no scores; its log says why, and re-running failed jobs retries it';
  if (error instanceof ShardSetError)
    return 'the merge-shards directory must hold the scores.json of one sharded run only, one per shard';
  if (error instanceof SpaceAccessError)
    return error.tokenGiven
      ? 'the token is the hf-token input'
      : 'set the hf-token input to a read token, e.g. secrets.HF_READ_TOKEN (fork PRs get no secrets)';
  if (error instanceof SpacePausedError)
    return "restart it from its page on the Hub, or set the hf-token input to a write token so the action restarts it (that token then also reaches the Space's app: only for a Space whose code you trust)";
  if (error instanceof HubUnreachableError) return 'the hub-url input sets the Hub URL';
  return undefined;
};

export const evaluateHint: ActionHint = firstHint(evaluateInputHint, gitHubTokenHint);
