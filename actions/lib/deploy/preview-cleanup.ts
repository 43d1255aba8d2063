import { deleteRepo, HubApiError, listSpaces } from '@huggingface/hub';
import { errorMessage } from '#lib/errors';
import type { Logger } from '#lib/log';
import { HubWriteError, SpaceTagMismatchError } from './errors';
import { previewNumberOf } from './preview';
import { readSpaceVariables } from './space-settings';
import type { KeyValue } from './space-settings';
import type { HubAccess } from './types';

/** Previews a sweep looks at, at most: one page of the Hub's listing is 500. */
const MAX_SWEPT_PREVIEWS = 500;

/**
 * Deletes a preview Space, but only one that carries `tag` (SpaceTagMismatchError otherwise: a Space with a
 * preview's name that this repository did not make); false when it was already gone.
 */
export async function deletePreviewSpace(
  access: HubAccess,
  spaceId: string,
  tag: KeyValue,
): Promise<boolean> {
  let variables: Map<string, string>;
  try {
    variables = await readSpaceVariables(access, spaceId);
  } catch (error) {
    if (error instanceof HubWriteError && error.status === 404) return false;
    throw error;
  }
  if (variables.get(tag.key) !== tag.value) {
    throw new SpaceTagMismatchError(spaceId, tag.key, tag.value, variables.get(tag.key));
  }
  try {
    await deleteRepo({
      repo: { type: 'space', name: spaceId },
      hubUrl: access.hubUrl,
      accessToken: access.accessToken,
      ...(access.fetch ? { fetch: access.fetch } : {}),
    });
    return true;
  } catch (error) {
    if (error instanceof HubApiError && error.statusCode === 404) return false;
    throw asWriteError(spaceId, 'deleting the preview Space', error);
  }
}

export interface SweepOptions {
  access: HubAccess;
  /** The production Space whose `-pr-<n>` previews are swept. */
  spaceId: string;
  maxAgeDays: number;
  now: number;
  /** Asks GitHub; a PR that cannot be looked up counts as open (never delete what might be in use). */
  isPullRequestOpen(prNumber: number): Promise<boolean>;
  /** The tag a preview of this PR carries; a Space without it is kept. */
  tagFor(prNumber: number): KeyValue;
  logger: Logger;
}

export interface SweepResult {
  deleted: string[];
  kept: Array<{ spaceId: string; reason: string }>;
}

/**
 * Deletes the previews of `spaceId` last modified more than `maxAgeDays` ago whose PR is closed: the safety net
 * for previews whose close-time deletion did not run. One failing preview is reported and the others still go.
 */
export async function sweepPreviews(options: SweepOptions): Promise<SweepResult> {
  const { access, spaceId, logger } = options;
  const [owner = '', name = ''] = spaceId.split('/');
  const result: SweepResult = { deleted: [], kept: [] };
  const cutoff = options.now - options.maxAgeDays * 86_400_000;
  let seen = 0;
  for await (const space of listSpaces({
    search: { owner, query: `${name}-pr-` },
    hubUrl: access.hubUrl,
    accessToken: access.accessToken,
    ...(access.fetch ? { fetch: access.fetch } : {}),
  })) {
    const prNumber = previewNumberOf(spaceId, space.name);
    if (prNumber === undefined) continue;
    if (++seen > MAX_SWEPT_PREVIEWS) {
      logger.warn(
        `more than ${MAX_SWEPT_PREVIEWS} previews of ${spaceId}; the rest waits for the next sweep`,
      );
      break;
    }
    const modified = space.updatedAt.getTime();
    if (!(modified < cutoff)) {
      result.kept.push({ spaceId: space.name, reason: `modified ${space.updatedAt.toISOString()}` });
      continue;
    }
    let open: boolean;
    try {
      open = await options.isPullRequestOpen(prNumber);
    } catch (error) {
      logger.warn(`PR #${prNumber} could not be looked up (${errorMessage(error)}); keeping ${space.name}`);
      open = true;
    }
    if (open) {
      result.kept.push({ spaceId: space.name, reason: `PR #${prNumber} is open` });
      continue;
    }
    try {
      if (await deletePreviewSpace(access, space.name, options.tagFor(prNumber)))
        result.deleted.push(space.name);
      logger.info(
        `deleted ${space.name} (PR #${prNumber} closed, last modified ${space.updatedAt.toISOString()})`,
      );
    } catch (error) {
      if (error instanceof SpaceTagMismatchError) {
        logger.warn(`kept ${space.name}: ${error.message}`);
        result.kept.push({ spaceId: space.name, reason: `not tagged as this repository's preview` });
        continue;
      }
      logger.warn(errorMessage(error));
      result.kept.push({ spaceId: space.name, reason: `deleting failed: ${errorMessage(error)}` });
    }
  }
  return result;
}

function asWriteError(spaceId: string, operation: string, error: unknown): HubWriteError {
  const status = error instanceof HubApiError ? error.statusCode : 0;
  return new HubWriteError(spaceId, operation, status, errorMessage(error), { cause: error });
}
