import { describeNetworkError } from '#lib/net/network-error';
import { HubWriteError } from './errors';
import type { HubAccess } from './types';

/**
 * Lines of the Hub's NDJSON commit API (`POST /api/{type}s/{id}/commit/{branch}`, as `@huggingface/hub`
 * `src/lib/commit.ts` writes them). `lfsFile` refers to an LFS object the repo already stores, by SHA-256, so no
 * content travels: what a rollback needs, and what `commit()` cannot do (it always wants the bytes).
 */
export type CommitLine =
  | { key: 'file'; value: { path: string; content: string; encoding: 'base64' } }
  | { key: 'lfsFile'; value: { path: string; algo: 'sha256'; oid: string; size: number } }
  | { key: 'deletedFile'; value: { path: string } };

export async function postCommit(
  access: HubAccess,
  spaceId: string,
  commit: { title: string; description?: string; parentCommit: string | null; lines: CommitLine[] },
): Promise<{ oid: string; url: string | null }> {
  const header = {
    key: 'header',
    value: {
      summary: commit.title,
      description: commit.description ?? '',
      ...(commit.parentCommit ? { parentCommit: commit.parentCommit } : {}),
    },
  };
  const body = [header, ...commit.lines].map((line) => JSON.stringify(line)).join('\n');
  const url = `${access.hubUrl.replace(/\/$/, '')}/api/spaces/${spaceId}/commit/main`;
  let response: Response;
  try {
    response = await (access.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${access.accessToken}`, 'content-type': 'application/x-ndjson' },
      body,
    });
  } catch (error) {
    throw new HubWriteError(spaceId, 'committing', 0, describeNetworkError(error).reason, { cause: error });
  }
  const text = await response.text();
  let json: { commitOid?: unknown; commitUrl?: unknown; error?: unknown } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // handled below: a non-JSON answer is an error either way
  }
  if (!response.ok || typeof json.commitOid !== 'string') {
    const detail = typeof json.error === 'string' ? json.error : text.slice(0, 120);
    throw new HubWriteError(spaceId, 'committing', response.status, detail);
  }
  return { oid: json.commitOid, url: typeof json.commitUrl === 'string' ? json.commitUrl : null };
}
