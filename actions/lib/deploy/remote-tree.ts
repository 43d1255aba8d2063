import { listFiles, spaceInfo } from '@huggingface/hub';
import { z } from 'zod';
import { SyncLimitError } from './errors';
import { hubCall } from './hub-call';
import type { HubAccess } from './types';

/** One file of the Space at a revision, as the tree listing reports it. */
export const RemoteFileSchema = z.object({
  path: z.string(),
  type: z.string(),
  size: z.number(),
  /** Git blob SHA-1 of the stored blob: for LFS files that is the pointer's. */
  oid: z.string(),
  lfs: z.object({ oid: z.string(), size: z.number() }).optional(),
});
export type RemoteFile = z.infer<typeof RemoteFileSchema>;

export interface RemoteTree {
  /** The commit the listing was taken at. */
  head: string | null;
  files: Map<string, RemoteFile>;
}

export function spaceRepo(spaceId: string): { type: 'space'; name: string } {
  return { type: 'space', name: spaceId };
}

/** The current head commit, from space info (`expand=sha`). */
export async function headCommit(access: HubAccess, spaceId: string): Promise<string | null> {
  const info = await hubCall(spaceId, 'reading the head commit', () =>
    spaceInfo<'sha'>({
      name: spaceId,
      additionalFields: ['sha'],
      accessToken: access.accessToken,
      hubUrl: access.hubUrl,
      fetch: access.fetch,
    }),
  );
  return typeof info.sha === 'string' && info.sha ? info.sha : null;
}

/**
 * Lists every file at `revision` once (the client follows the `Link` pages). Listing at a commit sha, not at
 * `main`, keeps the tree and the `parentCommit` sent later consistent even if someone commits in between.
 */
export async function listTreeAt(
  access: HubAccess,
  spaceId: string,
  revision: string,
  maxEntries: number,
): Promise<Map<string, RemoteFile>> {
  const files = new Map<string, RemoteFile>();
  await hubCall(spaceId, `listing the files at ${revision.slice(0, 12)}`, async () => {
    let seen = 0;
    for await (const entry of listFiles({
      repo: spaceRepo(spaceId),
      revision,
      recursive: true,
      accessToken: access.accessToken,
      hubUrl: access.hubUrl,
      fetch: access.fetch,
    })) {
      seen += 1;
      if (seen > maxEntries) throw new SyncLimitError('maxRemoteEntries', maxEntries, `Space ${spaceId}`);
      if (entry.type !== 'file') continue;
      const parsed = RemoteFileSchema.parse(entry);
      files.set(parsed.path, parsed);
    }
  });
  return files;
}

export async function readRemoteTree(
  access: HubAccess,
  spaceId: string,
  maxEntries: number,
): Promise<RemoteTree> {
  const head = await headCommit(access, spaceId);
  if (head === null) return { head, files: new Map() };
  return { head, files: await listTreeAt(access, spaceId, head, maxEntries) };
}
