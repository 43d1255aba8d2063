import { whoAmI } from '@huggingface/hub';
import { z } from 'zod';
import {
  HubWriteError,
  MalformedTokenError,
  MissingTokenError,
  RejectedTokenError,
  TokenPermissionError,
} from './errors';
import { hubCall } from './hub-call';
import { assertSpaceId } from './space-id';
import type { HubAccess } from './types';

/**
 * The whoami-v2 fields the write check reads. Fine-grained tokens report `role: "fineGrained"` and per-entity
 * permissions in `fineGrained.scoped` (entity types `user`, `org`, `space`, …); `repo.write` allows commits.
 */
export const WhoAmISchema = z.object({
  name: z.string(),
  orgs: z.array(z.object({ name: z.string(), roleInOrg: z.string().optional() })).optional(),
  auth: z.object({
    accessToken: z
      .object({
        role: z.string(),
        fineGrained: z
          .object({
            scoped: z
              .array(
                z.object({
                  entity: z.object({ type: z.string(), name: z.string() }),
                  permissions: z.array(z.string()),
                }),
              )
              .optional(),
          })
          .optional(),
      })
      .optional(),
  }),
});
export type WhoAmIInfo = z.infer<typeof WhoAmISchema>;

/** Whether `info` may commit to `spaceId`; returns the missing permission, or null when it may. */
export function missingWritePermission(info: WhoAmIInfo, spaceId: string): string | null {
  const namespace = spaceId.split('/')[0] ?? '';
  const role = info.auth.accessToken?.role ?? 'unknown';
  if (role === 'fineGrained') {
    const scoped = info.auth.accessToken?.fineGrained?.scoped ?? [];
    const allowed = scoped.some(
      (scope) =>
        scope.permissions.includes('repo.write') &&
        (scope.entity.type === 'space'
          ? scope.entity.name === spaceId
          : (scope.entity.type === 'user' || scope.entity.type === 'org') && scope.entity.name === namespace),
    );
    return allowed ? null : `the fine-grained permission "repo.write" on Space ${spaceId} or on ${namespace}`;
  }
  if (role !== 'write' && role !== 'admin')
    return 'a token with the "write" role (or fine-grained "repo.write")';
  if (namespace === info.name) return null;
  const org = info.orgs?.find((candidate) => candidate.name === namespace);
  if (!org) return `write access to namespace ${namespace} (user ${info.name} is not a member of it)`;
  if (org.roleInOrg === 'read')
    return `the "write" role in organization ${namespace} (user ${info.name} has "read")`;
  return null;
}

/**
 * Checks, before any write, that the token exists, looks like a Hub token and may commit to the Space. The token
 * itself never appears in an error.
 */
export async function checkWriteAccess(access: HubAccess, spaceId: string): Promise<{ user: string }> {
  assertSpaceId(spaceId);
  if (!access.accessToken) throw new MissingTokenError(spaceId);
  if (!access.accessToken.startsWith('hf_')) throw new MalformedTokenError(spaceId);
  let raw: unknown;
  try {
    raw = await hubCall(spaceId, 'checking the token (whoami-v2)', () =>
      whoAmI({ accessToken: access.accessToken, hubUrl: access.hubUrl, fetch: access.fetch }),
    );
  } catch (error) {
    if (error instanceof HubWriteError && (error.status === 401 || error.status === 403)) {
      throw new RejectedTokenError(spaceId, error.status);
    }
    throw error;
  }
  const parsed = WhoAmISchema.safeParse(raw);
  if (!parsed.success) {
    throw new HubWriteError(
      spaceId,
      'checking the token (whoami-v2)',
      200,
      'the answer has no name or auth fields',
    );
  }
  const missing = missingWritePermission(parsed.data, spaceId);
  if (missing) {
    throw new TokenPermissionError(
      spaceId,
      parsed.data.name,
      parsed.data.auth.accessToken?.role ?? 'unknown',
      missing,
    );
  }
  return { user: parsed.data.name };
}
