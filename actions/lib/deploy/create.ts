import { join } from 'node:path';
import { createRepo } from '@huggingface/hub';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { yamlTooDeep } from '#lib/config/yaml-depth';
import { messageAfter, SumopsError } from '#lib/errors';
import { readFileInFolder } from '#lib/fs/no-follow';
import { SpaceAccessError } from '#lib/hub/errors';
import { spaceApi } from '#lib/hub/hub-api';
import { HubWriteError, LocalFileError, SpaceMissingError } from './errors';
import { hubCall } from './hub-call';
import { spaceRepo } from './remote-tree';
import { assertSpaceId } from './space-id';
import type { HubAccess } from './types';

/** The Space settings sumops reads from `README.md` front matter (hub-docs `spaces-config-reference.md`). */
export const SpaceFrontMatterSchema = z.object({
  sdk: z.enum(['gradio', 'docker', 'static']).default('gradio'),
  sdk_version: z.union([z.string(), z.number()]).optional(),
  python_version: z.union([z.string(), z.number()]).optional(),
});
export type SpaceFrontMatter = z.infer<typeof SpaceFrontMatterSchema>;

const MAX_README_BYTES = 1024 * 1024;
/** Front matter is a flat mapping with a few lists; far deeper would only exhaust the YAML parser's stack. */
const MAX_FRONT_MATTER_DEPTH = 16;

export interface SpaceReadme {
  frontMatter: SpaceFrontMatter;
  content: Buffer;
}

/**
 * `<dir>/README.md` and its front matter; null when there is no README. It becomes the new Space's first file, so it
 * is read like every file of the folder: a link is refused before anything is read through it, the real path must
 * be inside the folder, and the size is checked before the read.
 */
export async function readSpaceReadme(dir: string): Promise<SpaceReadme | null> {
  const file = join(dir, 'README.md');
  let content: Buffer | undefined;
  try {
    content = await readFileInFolder(dir, 'README.md', MAX_README_BYTES);
  } catch (error) {
    if (error instanceof SumopsError) throw error;
    throw new LocalFileError(file, messageAfter(file, error), { cause: error });
  }
  if (content === undefined) return null;
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(content.toString('utf8'));
  let data: unknown = {};
  const tooDeep = match ? yamlTooDeep(match[1] ?? '', MAX_FRONT_MATTER_DEPTH) : undefined;
  if (tooDeep) {
    throw new LocalFileError(
      file,
      `front matter is nested deeper than ${tooDeep.limit} levels (line ${tooDeep.line + 1})`,
    );
  }
  if (match) {
    try {
      data = parseYaml(match[1] ?? '') ?? {};
    } catch (error) {
      throw new LocalFileError(file, `front matter is not valid YAML: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const parsed = SpaceFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalFileError(
      file,
      `front matter key ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return { frontMatter: parsed.data, content };
}

/** Whether the Space exists for this token, and whether it is private (its app then needs a token too). */
export async function inspectSpace(
  access: HubAccess,
  spaceId: string,
): Promise<{ exists: false } | { exists: true; private: boolean }> {
  assertSpaceId(spaceId);
  try {
    const info = (await spaceApi(spaceId, '', {
      hubUrl: access.hubUrl,
      token: access.accessToken,
      fetch: access.fetch,
    })) as { private?: unknown };
    return { exists: true, private: info.private === true };
  } catch (error) {
    // The Hub answers a missing Space, and one this token may not see, alike.
    if (error instanceof SpaceAccessError) return { exists: false };
    throw error;
  }
}

/**
 * Creates the Space when it is missing and `create` is set. Its first commit is `README.md`, so the Hub sees the
 * SDK, `sdk_version` and `python_version` of the front matter from the start (the create API itself only takes
 * `sdk`, which `@huggingface/hub` would otherwise default to `static`). `known` skips the lookup when the caller
 * has just made it.
 */
export async function ensureSpace(options: {
  access: HubAccess;
  spaceId: string;
  dir: string;
  create: boolean;
  private: boolean;
  known?: Awaited<ReturnType<typeof inspectSpace>>;
}): Promise<{ created: boolean; sdk?: string; private: boolean }> {
  const { access, spaceId } = options;
  assertSpaceId(spaceId);
  const found = options.known ?? (await inspectSpace(access, spaceId));
  if (found.exists) return { created: false, private: found.private };
  if (!options.create) throw new SpaceMissingError(spaceId);
  const readme = await readSpaceReadme(options.dir);
  const sdk = readme?.frontMatter.sdk ?? 'gradio';
  try {
    await hubCall(spaceId, 'creating the Space', () =>
      createRepo({
        repo: spaceRepo(spaceId),
        sdk,
        private: options.private,
        files: readme
          ? [{ path: 'README.md', content: new Blob([new Uint8Array(readme.content)]) }]
          : undefined,
        accessToken: access.accessToken,
        hubUrl: access.hubUrl,
        fetch: access.fetch,
      }),
    );
  } catch (error) {
    // Someone created it between our check and our request: it exists, which is all we wanted.
    if (error instanceof HubWriteError && error.status === 409) {
      const now = await inspectSpace(access, spaceId);
      return { created: false, private: now.exists ? now.private : options.private };
    }
    throw error;
  }
  return { created: true, sdk, private: options.private };
}
