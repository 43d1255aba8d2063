/**
 * The sync engine with the real `@huggingface/hub` client against the Hub emulator: what the Space holds at each
 * revision, how many requests and content bytes a deploy costs, conflicts, tokens and settings.
 */
import { mkdtemp, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSpace } from '#lib/deploy/create';
import {
  MalformedTokenError,
  MissingTokenError,
  RejectedTokenError,
  RollbackConflictError,
  SpaceMissingError,
  SyncConflictError,
  TokenPermissionError,
} from '#lib/deploy/errors';
import { restoreRevision } from '#lib/deploy/restore';
import { applySpaceSettings, parseKeyValueLines } from '#lib/deploy/space-settings';
import { syncFolder } from '#lib/deploy/sync';
import { checkWriteAccess } from '#lib/deploy/token';
import type { HubAccess } from '#lib/deploy/types';
import { startHubEmulator } from '../emulators/hub';
import type { HubEmulator, HubEmulatorOptions } from '../emulators/hub';
import { recordingLogger } from '../harness/fakes';

const TOKEN = 'hf_test_sumops_deploy_write';
const SPACE = 'sumops-test/summarizer';
const README =
  '---\ntitle: t\nsdk: gradio\nsdk_version: 6.31.0\npython_version: "3.11"\napp_file: app.py\n---\n# t\n';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
  const emulator = await startHubEmulator(options);
  cleanups.push(() => emulator.close());
  return emulator;
}

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-deploy-e2e-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await put(dir, files);
  return dir;
}

async function put(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

function access(emulator: HubEmulator, accessToken = TOKEN): HubAccess {
  return { hubUrl: emulator.url, accessToken };
}

/** What a deploy does before any change: token check, Space check, then the sync. */
async function deploy(emulator: HubEmulator, dir: string, extra: { title?: string; ignore?: string[] } = {}) {
  const logger = recordingLogger();
  await checkWriteAccess(access(emulator), SPACE);
  const { created } = await ensureSpace({
    access: access(emulator),
    spaceId: SPACE,
    dir,
    create: true,
    private: false,
  });
  const result = await syncFolder({
    access: access(emulator),
    spaceId: SPACE,
    dir,
    title: extra.title ?? 'Deploy',
    description: 'from owner/repo@abc123',
    ignore: extra.ignore,
    logger,
  });
  return { created, result, logger };
}

function urlOf(input: string | URL | Request): string {
  return input instanceof Request ? input.url : input.toString();
}

const BASE_FILES = { 'README.md': README, 'app.py': 'import gradio\n', 'requirements.txt': 'transformers\n' };

describe('syncFolder against the Hub emulator', () => {
  it('first deploy creates the Space with the front-matter SDK and then holds exactly the folder', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES, 'lib/util.py': 'X = 1\n' });
    const { created, result } = await deploy(emulator, dir, { title: 'Add summarizer' });

    expect(created).toBe(true);
    expect(emulator.createRequest(SPACE)).toMatchObject({ type: 'space', sdk: 'gradio', name: 'summarizer' });
    expect(emulator.createRequest(SPACE)?.files).toEqual([
      { encoding: 'base64', path: 'README.md', content: Buffer.from(README).toString('base64') },
    ]);
    // README.md came with the create request, so the sync found it unchanged.
    expect(result.added).toEqual(['app.py', 'lib/util.py', 'requirements.txt']);
    expect(result.unchanged).toBe(1);
    expect(result.commit).toBe(emulator.repos.head(SPACE));
    const files = emulator.filesAt(SPACE);
    expect(Object.keys(files).sort()).toEqual([
      '.gitattributes',
      'README.md',
      'app.py',
      'lib/util.py',
      'requirements.txt',
    ]);
    expect(files['lib/util.py']).toBe('X = 1\n');
    const last = emulator.commits(SPACE).at(-1);
    expect(last?.title).toBe('Add summarizer');
    expect(last?.description).toBe('from owner/repo@abc123');
  });

  it('makes no commit and sends no file content when nothing changed, in at most 4 Hub requests', async () => {
    const emulator = await hub();
    const dir = await folder(BASE_FILES);
    await deploy(emulator, dir);
    const commitsBefore = emulator.commits(SPACE).length;
    emulator.resetLog();

    const { result, logger } = await deploy(emulator, dir);

    expect(result.commit).toBeNull();
    expect(result.attempts).toBe(0);
    expect(result.unchanged).toBe(3);
    expect(emulator.commits(SPACE)).toHaveLength(commitsBefore);
    expect(emulator.requests.map((request) => request.route)).toEqual([
      'whoami',
      'space-info',
      'space-info',
      'tree',
    ]);
    expect(emulator.contentBytesReceived()).toBe(0);
    expect(logger.text()).toContain('no commit');
  });

  it('uploads only the one changed file', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES, 'big.txt': 'z'.repeat(200_000) });
    await deploy(emulator, dir);
    emulator.resetLog();
    await put(dir, { 'app.py': 'import gradio as gr\n' });

    const { result } = await deploy(emulator, dir);

    expect(result.updated).toEqual(['app.py']);
    expect(result.added).toEqual([]);
    expect(result.unchanged).toBe(3);
    // The new content once in the commit plus its preupload sample, nothing of big.txt.
    expect(emulator.contentBytesReceived()).toBe(2 * 'import gradio as gr\n'.length);
    expect(emulator.requestsTo('commit')).toHaveLength(1);
    expect(emulator.filesAt(SPACE)['app.py']).toBe('import gradio as gr\n');
  });

  it('deletes remote files gone locally but never .gitattributes', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES, 'old.py': 'gone soon\n' });
    await deploy(emulator, dir);
    await unlink(join(dir, 'old.py'));

    const { result } = await deploy(emulator, dir);

    expect(result.deleted).toEqual(['old.py']);
    expect(Object.keys(emulator.filesAt(SPACE)).sort()).toEqual([
      '.gitattributes',
      'README.md',
      'app.py',
      'requirements.txt',
    ]);
  });

  it('never uploads ignored files, and removes a remote copy of a file the rules now ignore', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
    const dir = await folder({
      ...BASE_FILES,
      '.spaceignore': 'notes/\n',
      'notes/todo.md': 'private',
      '__pycache__/app.cpython-311.pyc': 'bytecode',
      'local.log': 'log',
    });
    emulator.seed(SPACE, [{ path: '__pycache__/stale.pyc', content: 'uploaded by an older deploy' }]);

    const { result } = await deploy(emulator, dir, { ignore: ['*.log'] });

    expect(Object.keys(emulator.filesAt(SPACE)).sort()).toEqual([
      '.gitattributes',
      'README.md',
      'app.py',
      'requirements.txt',
    ]);
    expect(result.deleted).toEqual(['__pycache__/stale.pyc']);
    // Each uploaded file once in the commit and once as its preupload sample; nothing of the ignored ones.
    const shipped = [README, 'import gradio\n', 'transformers\n'].join('');
    expect(emulator.contentBytesReceived()).toBe(2 * Buffer.byteLength(shipped));
  });

  it('sends binary files through LFS once and compares them by SHA-256 afterwards', async () => {
    const emulator = await hub();
    const model = Buffer.alloc(5000, 1);
    model[3] = 0;
    const dir = await folder({ ...BASE_FILES, 'weights/model.bin': model });
    await deploy(emulator, dir);
    const stored = emulator.treeAt(SPACE).get('weights/model.bin');
    expect(stored?.lfs?.size).toBe(5000);
    expect(emulator.requestsTo('lfs-upload')).toHaveLength(1);
    emulator.resetLog();

    const again = await deploy(emulator, dir);
    expect(again.result.commit).toBeNull();
    expect(emulator.contentBytesReceived()).toBe(0);

    model[100] = 9;
    await put(dir, { 'weights/model.bin': model });
    const changed = await deploy(emulator, dir);
    expect(changed.result.updated).toEqual(['weights/model.bin']);
    expect(emulator.requestsTo('lfs-upload')).toHaveLength(1);
    expect(emulator.treeAt(SPACE).get('weights/model.bin')?.lfs?.oid).not.toBe(stored?.lfs?.oid);
  });

  it('on a concurrent commit (412) lists again, diffs again and commits on top of it', async () => {
    const emulator = await hub();
    const dir = await folder(BASE_FILES);
    await deploy(emulator, dir);
    await put(dir, { 'app.py': 'v2\n' });
    let interfered = false;
    const racingFetch: typeof fetch = async (input, init) => {
      if (!interfered && urlOf(input).includes('/commit/')) {
        interfered = true;
        emulator.seed(SPACE, [{ path: 'someone-else.txt', content: 'meanwhile' }], 'concurrent edit');
      }
      return fetch(input, init);
    };
    const logger = recordingLogger();

    const result = await syncFolder({
      access: { hubUrl: emulator.url, accessToken: TOKEN, fetch: racingFetch },
      spaceId: SPACE,
      dir,
      title: 'Deploy v2',
      logger,
    });

    expect(result.attempts).toBe(2);
    expect(emulator.requestsTo('commit').map((request) => request.status)).toEqual([200, 412, 200]);
    expect(
      emulator
        .commits(SPACE)
        .map((commit) => commit.title)
        .slice(-2),
    ).toEqual(['concurrent edit', 'Deploy v2']);
    // The second diff saw the concurrent file and, being an exact sync, removed it.
    expect(result.deleted).toEqual(['someone-else.txt']);
    expect(emulator.filesAt(SPACE)['app.py']).toBe('v2\n');
    expect(logger.text('warn')).toContain('HTTP 412');
  });

  it('gives up with SyncConflictError after 4 attempts when every commit conflicts', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
    const dir = await folder(BASE_FILES);
    const racingFetch: typeof fetch = async (input, init) => {
      if (urlOf(input).includes('/commit/'))
        emulator.seed(SPACE, [{ path: 'x.txt', content: String(Math.random()) }]);
      return fetch(input, init);
    };
    const attempt = syncFolder({
      access: { hubUrl: emulator.url, accessToken: TOKEN, fetch: racingFetch },
      spaceId: 'sumops-test/summarizer',
      dir,
      title: 'never lands',
    });
    await expect(attempt).rejects.toMatchObject({ attempts: 4 });
    await expect(attempt).rejects.toThrow(SyncConflictError);
    expect(emulator.commits(SPACE).some((commit) => commit.title === 'never lands')).toBe(false);
  });

  it('a dry run reports the plan and writes nothing', async () => {
    const emulator = await hub();
    const dir = await folder(BASE_FILES);
    await ensureSpace({ access: access(emulator), spaceId: SPACE, dir, create: true, private: false });
    const before = emulator.commits(SPACE).length;
    const result = await syncFolder({
      access: access(emulator),
      spaceId: SPACE,
      dir,
      title: 't',
      dryRun: true,
    });
    expect(result.added).toEqual(['app.py', 'requirements.txt']);
    expect(result.commit).toBeNull();
    expect(emulator.commits(SPACE)).toHaveLength(before);
    expect(emulator.requestsTo('preupload')).toHaveLength(0);
  });
});

describe('restoreRevision', () => {
  it('gives back the exact tree of an older revision in one commit, LFS files by oid without re-upload', async () => {
    const emulator = await hub();
    const model = Buffer.alloc(4000, 2);
    model[0] = 0;
    const dir = await folder({ ...BASE_FILES, 'model.bin': model, 'old.py': 'old\n' });
    const first = (await deploy(emulator, dir)).result.commit ?? '';
    const good = emulator.filesAt(SPACE, first);

    await unlink(join(dir, 'old.py'));
    await unlink(join(dir, 'model.bin'));
    await put(dir, { 'app.py': 'broken(\n', 'new.py': 'new\n' });
    await deploy(emulator, dir);
    emulator.resetLog();

    const result = await restoreRevision({
      access: access(emulator),
      spaceId: SPACE,
      revision: first,
      title: 'Roll back',
    });

    expect(result.commit).toBe(emulator.repos.head(SPACE));
    expect(result.attempts).toBe(1);
    expect(emulator.filesAt(SPACE)).toEqual(good);
    const oids = (revision?: string) =>
      Object.fromEntries([...emulator.treeAt(SPACE, revision)].map(([path, file]) => [path, file.oid]));
    expect(oids()).toEqual(oids(first));
    expect(result.added.sort()).toEqual(['model.bin', 'old.py']);
    expect(result.updated).toEqual(['app.py']);
    expect(result.deleted).toEqual(['new.py']);
    expect(emulator.requestsTo('lfs-upload')).toHaveLength(0);
    expect(emulator.requestsTo('lfs-batch')).toHaveLength(0);
    expect(emulator.requestsTo('commit')).toHaveLength(1);

    const again = await restoreRevision({
      access: access(emulator),
      spaceId: SPACE,
      revision: first,
      title: 'again',
    });
    expect(again.commit).toBeNull();
  });
});

describe('restoreRevision under contention', () => {
  it('retries after a 412 and restores file names that need URL encoding', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES, 'docs/notes #1 100%.md': 'keep me\n' });
    const first = (await deploy(emulator, dir)).result.commit ?? '';
    await unlink(join(dir, 'docs/notes #1 100%.md'));
    await deploy(emulator, dir);
    let interfered = false;
    const racingFetch: typeof fetch = async (input, init) => {
      if (!interfered && urlOf(input).includes('/commit/')) {
        interfered = true;
        emulator.seed(SPACE, [{ path: 'hotfix.txt', content: 'meanwhile' }], 'concurrent edit');
      }
      return fetch(input, init);
    };

    const result = await restoreRevision({
      access: { hubUrl: emulator.url, accessToken: TOKEN, fetch: racingFetch },
      spaceId: SPACE,
      revision: first,
      title: 'Roll back',
    });

    expect(result.attempts).toBe(2);
    expect(emulator.filesAt(SPACE)).toEqual(emulator.filesAt(SPACE, first));
    expect(emulator.filesAt(SPACE)['docs/notes #1 100%.md']).toBe('keep me\n');
  });
});

describe('restoreRevision over a given commit (a rollback)', () => {
  it('restores on top of exactly the failed commit, and stops when someone committed after it', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES });
    const good = (await deploy(emulator, dir)).result.commit ?? '';
    await put(dir, { 'app.py': 'broken(\n' });
    const failed = (await deploy(emulator, dir)).result.commit ?? '';
    const theirs = emulator.seed(SPACE, [{ path: 'hotfix.txt', content: 'fixed by hand' }], 'hotfix');
    emulator.resetLog();

    const refused = await restoreRevision({
      access: access(emulator),
      spaceId: SPACE,
      revision: good,
      over: failed,
      title: 'Roll back',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RollbackConflictError);
    expect((refused as Error).message).toBe(
      `Space ${SPACE} has commits after ${failed.slice(0, 12)} (its head is ${theirs.slice(0, 12)}): not rolling back over them`,
    );
    expect(emulator.requestsTo('commit')).toEqual([]);
    expect(emulator.filesAt(SPACE)['hotfix.txt']).toBe('fixed by hand');
  });

  it('sends the failed commit as parentCommit and stops on the 412 of a commit that lands meanwhile', async () => {
    const emulator = await hub();
    const dir = await folder({ ...BASE_FILES });
    const good = (await deploy(emulator, dir)).result.commit ?? '';
    await put(dir, { 'app.py': 'broken(\n' });
    const failed = (await deploy(emulator, dir)).result.commit ?? '';
    let theirs = '';
    const racingFetch: typeof fetch = async (input, init) => {
      if (theirs === '' && urlOf(input).includes('/commit/')) {
        theirs = emulator.seed(SPACE, [{ path: 'hotfix.txt', content: 'meanwhile' }], 'concurrent edit');
      }
      return fetch(input, init);
    };
    emulator.resetLog();
    const refused = await restoreRevision({
      access: { hubUrl: emulator.url, accessToken: TOKEN, fetch: racingFetch },
      spaceId: SPACE,
      revision: good,
      over: failed,
      title: 'Roll back',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RollbackConflictError);
    const sent = emulator.requestsTo('commit').map((request) => String(request.body).split('\n')[0]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`"parentCommit":"${failed}"`);
    expect(emulator.repos.head(SPACE)).toBe(theirs);
    expect(emulator.filesAt(SPACE)['hotfix.txt']).toBe('meanwhile');
  });
});

describe('token checks before any write', () => {
  const specs: HubEmulatorOptions['tokenSpecs'] = {
    hf_read_token_value: { user: 'sumops-test', role: 'read' },
    hf_fine_other_space: {
      user: 'sumops-test',
      role: 'fineGrained',
      scoped: [{ entity: { type: 'space', name: 'sumops-test/other' }, permissions: ['repo.write'] }],
    },
    hf_fine_this_space: {
      user: 'sumops-test',
      role: 'fineGrained',
      scoped: [{ entity: { type: 'space', name: SPACE }, permissions: ['repo.content.read', 'repo.write'] }],
    },
    hf_write_other_user: { user: 'someone-else', role: 'write' },
  };

  it('refuses missing, non-hf_, rejected, read-only and out-of-scope tokens, naming the permission, never the token', async () => {
    const emulator = await hub({ tokens: [TOKEN], tokenSpecs: specs });
    const check = (token: string) => checkWriteAccess(access(emulator, token), SPACE);
    const failures: Error[] = [];
    for (const [token, expected] of [
      ['', MissingTokenError],
      ['gho_not_a_hub_token', MalformedTokenError],
      ['hf_revoked_token_value', RejectedTokenError],
      ['hf_read_token_value', TokenPermissionError],
      ['hf_fine_other_space', TokenPermissionError],
      ['hf_write_other_user', TokenPermissionError],
    ] as const) {
      const error = await check(token).then(
        () => new Error('accepted'),
        (caught: unknown) => caught as Error,
      );
      expect(error).toBeInstanceOf(expected);
      if (token) expect(error.message).not.toContain(token);
      failures.push(error);
    }
    expect(failures[3]?.message).toContain('needs a token with the "write" role');
    expect(failures[4]?.message).toContain(`"repo.write" on Space ${SPACE}`);
    expect(failures[5]?.message).toContain('write access to namespace sumops-test');
    await expect(check('hf_fine_this_space')).resolves.toEqual({ user: 'sumops-test' });
    expect(emulator.requestsTo('commit')).toHaveLength(0);
  });

  it('without create, a missing Space fails with the steps to create it and nothing is created', async () => {
    const emulator = await hub();
    const dir = await folder(BASE_FILES);
    const attempt = ensureSpace({
      access: access(emulator),
      spaceId: SPACE,
      dir,
      create: false,
      private: false,
    });
    await expect(attempt).rejects.toThrow(SpaceMissingError);
    await expect(attempt).rejects.toThrow(/huggingface\.co\/new-space.*owner sumops-test, name summarizer/);
    expect(emulator.hasRepo(SPACE)).toBe(false);
  });

  it('creates a private Space when asked', async () => {
    const emulator = await hub();
    const dir = await folder(BASE_FILES);
    await ensureSpace({ access: access(emulator), spaceId: SPACE, dir, create: true, private: true });
    expect(emulator.createRequest(SPACE)).toMatchObject({ visibility: 'private' });
    expect(
      await ensureSpace({ access: access(emulator), spaceId: SPACE, dir, create: true, private: true }),
    ).toEqual({
      created: false,
      private: true,
    });
  });
});

describe('Space secrets and variables', () => {
  it('sets them on the Space; no log, result or error carries the token or a secret value', async () => {
    const emulator = await hub({
      tokenSpecs: { hf_read_only_for_settings: { user: 'sumops-test', role: 'read' } },
    });
    const dir = await folder(BASE_FILES);
    const { logger } = await deploy(emulator, dir);
    const secrets = parseKeyValueLines('OPENAI_KEY=sk-very-secret-value\nOTHER=second-secret\n', 'secrets');
    const variables = parseKeyValueLines('SUMOPS_MODEL=sshleifer/distilbart-cnn-12-6\n', 'variables');

    await applySpaceSettings({ access: access(emulator), spaceId: SPACE, secrets, variables });

    expect(emulator.secretsOf(SPACE)).toEqual({ OPENAI_KEY: 'sk-very-secret-value', OTHER: 'second-secret' });
    expect(emulator.variablesOf(SPACE)).toEqual({ SUMOPS_MODEL: 'sshleifer/distilbart-cnn-12-6' });
    const refused = await applySpaceSettings({
      access: access(emulator, 'hf_read_only_for_settings'),
      spaceId: SPACE,
      secrets,
      variables: [],
    }).then(
      () => new Error('accepted'),
      (error: unknown) => error as Error,
    );
    expect(refused.message).toMatch(
      /setting secret OPENAI_KEY for Space sumops-test\/summarizer failed with HTTP 403/,
    );

    const everything = [
      logger.text(),
      refused.message,
      JSON.stringify(emulator.requests.map((r) => r.route)),
    ].join('\n');
    for (const value of [TOKEN, 'hf_read_only_for_settings', 'sk-very-secret-value', 'second-secret']) {
      expect(everything).not.toContain(value);
    }
  });
});
