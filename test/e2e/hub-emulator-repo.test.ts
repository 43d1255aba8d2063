/**
 * The Hub emulator's repo surface checked with the real `@huggingface/hub` client: if these pass, the sync tests
 * exercise the same wire shapes as the Hub (the emulator header cites where they come from).
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commit,
  createRepo,
  deleteRepo,
  downloadFile,
  listCommits,
  listFiles,
  listSpaces,
  repoExists,
  whoAmI,
} from '@huggingface/hub';
import type { ListFileEntry } from '@huggingface/hub';
import { startHubEmulator } from '../emulators/hub';
import type { HubEmulator, HubEmulatorOptions } from '../emulators/hub';

const TOKEN = 'hf_test_emulator_write';
const SPACE = 'sumops-test/sync-target';
const repo = { type: 'space' as const, name: SPACE };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
  const emulator = await startHubEmulator(options);
  cleanups.push(() => emulator.close());
  return emulator;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function gitBlobSha1(text: string): string {
  const bytes = Buffer.from(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

describe('Hub emulator repo routes (real @huggingface/hub)', () => {
  it('creates a Space once (409 the second time) and records the sdk', async () => {
    const emulator = await hub();
    await createRepo({ repo, sdk: 'gradio', accessToken: TOKEN, hubUrl: emulator.url });
    expect(emulator.createRequest(SPACE)).toMatchObject({
      type: 'space',
      sdk: 'gradio',
      name: 'sync-target',
    });
    expect(emulator.commits(SPACE).map((c) => c.title)).toEqual(['initial commit']);
    await expect(
      createRepo({ repo, sdk: 'gradio', accessToken: TOKEN, hubUrl: emulator.url }),
    ).rejects.toMatchObject({
      statusCode: 409,
    });
  });

  it('commits regular and LFS files, lists them with git and LFS oids, and serves them at each revision', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
    const binary = Buffer.alloc(3000, 7);
    binary[10] = 0;
    const first = await commit({
      repo,
      accessToken: TOKEN,
      hubUrl: emulator.url,
      title: 'first',
      operations: [
        { operation: 'addOrUpdate', path: 'app.py', content: new Blob(['print(1)\n']) },
        { operation: 'addOrUpdate', path: 'data/model.bin', content: new Blob([binary]) },
      ],
    });
    expect(emulator.requestsTo('lfs-upload')).toHaveLength(1);
    const second = await commit({
      repo,
      accessToken: TOKEN,
      hubUrl: emulator.url,
      title: 'second',
      parentCommit: first?.commit.oid,
      operations: [
        { operation: 'addOrUpdate', path: 'app.py', content: new Blob(['print(2)\n']) },
        { operation: 'delete', path: 'data/model.bin' },
      ],
    });

    const entries: ListFileEntry[] = await all(
      listFiles({
        repo,
        recursive: true,
        revision: first?.commit.oid,
        accessToken: TOKEN,
        hubUrl: emulator.url,
      }),
    );
    const app = entries.find((entry) => entry.path === 'app.py');
    const model = entries.find((entry) => entry.path === 'data/model.bin');
    expect(app?.oid).toBe(gitBlobSha1('print(1)\n'));
    expect(model?.lfs?.oid).toBe(createHash('sha256').update(binary).digest('hex'));
    expect(entries.find((entry) => entry.path === 'data')?.type).toBe('directory');

    expect(emulator.filesAt(SPACE)['app.py']).toBe('print(2)\n');
    expect(Object.keys(emulator.filesAt(SPACE)).sort()).toEqual(['.gitattributes', 'app.py']);
    const old = await downloadFile({
      repo,
      path: 'app.py',
      revision: first?.commit.oid,
      hubUrl: emulator.url,
    });
    expect(await old?.text()).toBe('print(1)\n');
    const history = await all(listCommits({ repo, accessToken: TOKEN, hubUrl: emulator.url }));
    expect(history.map((c) => c.title)).toEqual(['second', 'first', 'initial commit']);
    expect(history[0]?.oid).toBe(second?.commit.oid);
  });

  it('answers 412 to a stale parentCommit and commits nothing', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
    const stale = emulator.repos.head(SPACE);
    emulator.seed(SPACE, [{ path: 'other.txt', content: 'someone else' }]);
    await expect(
      commit({
        repo,
        accessToken: TOKEN,
        hubUrl: emulator.url,
        title: 'late',
        parentCommit: stale,
        operations: [{ operation: 'addOrUpdate', path: 'a.txt', content: new Blob(['a']) }],
      }),
    ).rejects.toMatchObject({ statusCode: 412 });
    expect(emulator.commits(SPACE)).toHaveLength(2);
  });

  it('pages the tree with absolute Link URLs', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }], treePageSize: 2 });
    emulator.seed(
      SPACE,
      ['a', 'b', 'c', 'd', 'e'].map((name) => ({ path: `${name}.txt`, content: name })),
    );
    const entries = await all(listFiles({ repo, recursive: true, hubUrl: emulator.url }));
    expect(entries.map((entry) => entry.path)).toEqual([
      '.gitattributes',
      'a.txt',
      'b.txt',
      'c.txt',
      'd.txt',
      'e.txt',
    ]);
    expect(emulator.requestsTo('tree')).toHaveLength(3);
  });

  it('reports read, write and fine-grained tokens in whoami-v2 and enforces them on commits', async () => {
    const emulator = await hub({
      spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }],
      tokenSpecs: {
        hf_read: { user: 'sumops-test', role: 'read' },
        hf_fine: {
          user: 'sumops-test',
          role: 'fineGrained',
          scoped: [
            { entity: { type: 'space', name: SPACE }, permissions: ['repo.content.read', 'repo.write'] },
          ],
        },
      },
    });
    const fine = await whoAmI({ accessToken: 'hf_fine', hubUrl: emulator.url });
    expect(fine.auth.accessToken?.role).toBe('fineGrained');
    expect(fine.name).toBe('sumops-test');
    const read = await whoAmI({ accessToken: 'hf_read', hubUrl: emulator.url });
    expect(read.auth.accessToken?.role).toBe('read');
    const attempt = (accessToken: string) =>
      commit({
        repo,
        accessToken,
        hubUrl: emulator.url,
        title: 't',
        operations: [{ operation: 'addOrUpdate', path: 'a.txt', content: new Blob(['a']) }],
      });
    await expect(attempt('hf_read')).rejects.toMatchObject({ statusCode: 403 });
    await expect(attempt('hf_fine')).resolves.toBeDefined();
    await expect(whoAmI({ accessToken: 'hf_unknown', hubUrl: emulator.url })).resolves.toBeDefined();
  });

  it('rejects unknown tokens with 401 when a token list is given', async () => {
    const emulator = await hub({ tokens: [TOKEN] });
    await expect(whoAmI({ accessToken: 'hf_wrong', hubUrl: emulator.url })).rejects.toMatchObject({
      statusCode: 401,
    });
  });

  it('deletes a repo, hides private ones without a token, and 404s a delete of a missing path', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9', private: true }] });
    expect(await repoExists({ repo, hubUrl: emulator.url })).toBe(false);
    expect(await repoExists({ repo, hubUrl: emulator.url, accessToken: TOKEN })).toBe(true);
    await expect(
      commit({
        repo,
        accessToken: TOKEN,
        hubUrl: emulator.url,
        title: 'delete nothing',
        operations: [{ operation: 'delete', path: 'missing.txt' }],
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await deleteRepo({ repo, accessToken: TOKEN, hubUrl: emulator.url });
    expect(emulator.hasRepo(SPACE)).toBe(false);
    expect(await repoExists({ repo, hubUrl: emulator.url, accessToken: TOKEN })).toBe(false);
  });

  it('never returns secret values, returns variable values', async () => {
    const emulator = await hub({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
    const call = (kind: string, method: string, body?: unknown) =>
      fetch(`${emulator.url}/api/spaces/${SPACE}/${kind}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await call('secrets', 'POST', { key: 'API_KEY', value: 'v-secret' })).toEqual({
      status: 200,
      body: {},
    });
    const secrets = await call('secrets', 'GET');
    expect(Object.keys(secrets.body as object)).toEqual(['API_KEY']);
    expect(JSON.stringify(secrets.body)).not.toContain('v-secret');
    const variables = await call('variables', 'POST', { key: 'MODEL', value: 'm1' });
    expect(variables.body).toMatchObject({ MODEL: { value: 'm1' } });
    expect(await call('secrets', 'DELETE', { key: 'NOT_THERE' })).toEqual({ status: 200, body: {} });
    expect((await call('secrets', 'POST', { key: 'bad-key', value: 'x' })).status).toBe(400);
  });

  it('lists Spaces by owner with lastModified, for stale-preview sweeps', async () => {
    const emulator = await hub({
      spaces: [
        { id: 'sumops-test/app-pr-1', host: 'http://127.0.0.1:9' },
        { id: 'sumops-test/app-pr-2', host: 'http://127.0.0.1:9' },
        { id: 'other/app', host: 'http://127.0.0.1:9' },
      ],
    });
    emulator.repos.setLastModified('sumops-test/app-pr-1', '2026-01-01T00:00:00.000Z');
    const spaces = await all(
      listSpaces({ search: { owner: 'sumops-test', query: 'pr-' }, hubUrl: emulator.url }),
    );
    expect(spaces.map((space) => [space.name, space.updatedAt.toISOString().slice(0, 10)])).toEqual([
      ['sumops-test/app-pr-1', '2026-01-01'],
      ['sumops-test/app-pr-2', '2026-11-01'],
    ]);
  });
});
