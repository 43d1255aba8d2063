import { messageAfter } from '#lib/errors';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRepo, repoExists } from '@huggingface/hub';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
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

export interface SpaceReadme {
  frontMatter: SpaceFrontMatter;
  content: Buffer;
}

/** `<dir>/README.md` and its front matter; null when there is no README. */
export async function readSpaceReadme(dir: string): Promise<SpaceReadme | null> {
  const file = join(dir, 'README.md');
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LocalFileError(file, messageAfter(file, error), { cause: error });
  }
  if (content.length > MAX_README_BYTES)
    throw new LocalFileError(file, `is larger than ${MAX_README_BYTES} bytes`);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(content.toString('utf8'));
  let data: unknown = {};
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

/**
 * Creates the Space when it is missing and `create` is set. Its first commit is `README.md`, so the Hub sees the
 * SDK, `sdk_version` and `python_version` of the front matter from the start (the create API itself only takes
 * `sdk`, which `@huggingface/hub` would otherwise default to `static`).
 */
export async function ensureSpace(options: {
  access: HubAccess;
  spaceId: string;
  dir: string;
  create: boolean;
  private: boolean;
}): Promise<{ created: boolean; sdk?: string }> {
  const { access, spaceId } = options;
  assertSpaceId(spaceId);
  const exists = await hubCall(spaceId, 'checking that the Space exists', () =>
    repoExists({
      repo: spaceRepo(spaceId),
      accessToken: access.accessToken,
      hubUrl: access.hubUrl,
      fetch: access.fetch,
    }),
  );
  if (exists) return { created: false };
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
    if (error instanceof HubWriteError && error.status === 409) return { created: false };
    throw error;
  }
  return { created: true, sdk };
}
