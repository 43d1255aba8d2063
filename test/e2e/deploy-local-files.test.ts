/**
 * A deploy reads nothing outside its folder: README.md, .spaceignore and every uploaded file are refused when they
 * are links (before a byte is read through them), the folder itself may not be a link (except where the user named
 * it, in the CLI), and sizes are checked before reading. Run against the Hub emulator with the real client, so
 * "nothing was sent" is what the Hub saw.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdtemp, mkdir, readFile, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { deploySpace } from '#lib/deploy/deploy-space';
import type { DeploySpaceOptions } from '#lib/deploy/deploy-space';
import { syncFolder } from '#lib/deploy/sync';
import { FileTooLargeError } from '#lib/fs/read-text-file';
import { FileChangedError, identityOf, LinkRefusedError } from '#lib/fs/no-follow';
import { NoFollowFileBlob } from '#lib/fs/no-follow-blob';
import { startHubEmulator } from '../emulators/hub';
import type { HubEmulator } from '../emulators/hub';
import { fakeClock, recordingLogger } from '../harness/fakes';

const TOKEN = 'hf_test_sumops_local_files';
const SPACE = 'sumops-test/summarizer';
const README = '---\nsdk: gradio\nsdk_version: 6.31.0\n---\n# t\n';
/** Put into this process's environment, so /proc/self/environ holds it: it must never reach the Hub. */
const CANARY = 'sumops-canary-9f3c2e71';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hub(): Promise<HubEmulator> {
  const emulator = await startHubEmulator();
  cleanups.push(() => emulator.close());
  return emulator;
}

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-local-files-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

function options(
  emulator: HubEmulator,
  dir: string,
  extra: Partial<DeploySpaceOptions> = {},
): DeploySpaceOptions {
  return {
    access: { hubUrl: emulator.url, accessToken: TOKEN },
    spaceId: SPACE,
    dir,
    create: true,
    private: false,
    dryRun: false,
    title: 'Deploy',
    wait: false,
    smoke: false,
    rollback: false,
    clock: fakeClock(),
    logger: recordingLogger(),
    ...extra,
  };
}

/** Every byte the Hub received, decoded, to look for the canary in. */
const sentToHub = (emulator: HubEmulator) =>
  emulator.requests.map((request) => JSON.stringify(request.body ?? '')).join('\n');

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected the deploy to be refused');
  return error;
}

describe('the folder a deploy reads', () => {
  it('refuses README.md -> /proc/self/environ in one line, and the environment never reaches the Hub', async () => {
    // What the link would expose: this process's own environment as the kernel holds it (tests run on worker
    // threads, whose process.env is a copy, so a variable set here would never be in it).
    const environ = (await readFile('/proc/self/environ', 'utf8'))
      .split('\0')
      .filter((entry) => entry.length >= 8);
    expect(environ.length).toBeGreaterThan(0);
    const emulator = await hub();
    const dir = await folder({ 'app.py': 'print(1)\n' });
    await symlink('/proc/self/environ', join(dir, 'README.md'));

    const error = await refusal(deploySpace(options(emulator, dir)));
    expect(error).toBeInstanceOf(LinkRefusedError);
    expect(error.message).toBe(
      `${join(dir, 'README.md')} is a symbolic link to "/proc/self/environ"; files are never read through a link: replace it with the file itself`,
    );
    expect(error.message).not.toContain('\n');
    expect(emulator.requestsTo('repo-create')).toEqual([]);
    expect(emulator.requestsTo('commit')).toEqual([]);
    const sent = sentToHub(emulator);
    expect(environ.filter((entry) => sent.includes(entry))).toEqual([]);
    expect(emulator.contentBytesReceived()).toBe(0);
  });

  it('reads nothing through a README.md link: a link to a FIFO (which would block a read) is refused at once', async () => {
    const emulator = await hub();
    const dir = await folder({ 'app.py': 'print(1)\n' });
    const fifo = join(await folder({}), 'pipe');
    await promisify(execFile)('mkfifo', [fifo]);
    await symlink(fifo, join(dir, 'README.md'));
    const error = await refusal(deploySpace(options(emulator, dir)));
    expect(error).toBeInstanceOf(LinkRefusedError);
    expect(emulator.requestsTo('repo-create')).toEqual([]);
  });

  it('refuses a .spaceignore link before reading it, and commits nothing', async () => {
    const emulator = await hub();
    emulator.addSpace({ id: SPACE, host: 'http://127.0.0.1:9' });
    emulator.repos.ensure(SPACE, { private: false });
    emulator.seed(SPACE, [{ path: 'README.md', content: README }]);
    const secret = join(await folder({ 'token.txt': `${CANARY}\n` }), 'token.txt');
    const dir = await folder({ 'README.md': README, 'app.py': 'print(1)\n' });
    await symlink(secret, join(dir, '.spaceignore'));

    const error = await refusal(deploySpace(options(emulator, dir)));
    expect(error).toBeInstanceOf(LinkRefusedError);
    expect(error.message).toBe(
      `${join(dir, '.spaceignore')} is a symbolic link to ${JSON.stringify(secret)}; files are never read through a link: replace it with the file itself`,
    );
    expect(emulator.requestsTo('commit')).toEqual([]);
    expect(sentToHub(emulator)).not.toContain(CANARY);
  });

  it('refuses a folder that is itself a link before any Hub request (a PR whose space/ points elsewhere)', async () => {
    const emulator = await hub();
    const elsewhere = await folder({ 'README.md': README, id_rsa: `${CANARY}\n` });
    const checkout = await folder({});
    await symlink(elsewhere, join(checkout, 'space'));

    const error = await refusal(deploySpace(options(emulator, join(checkout, 'space'))));
    expect(error).toBeInstanceOf(LinkRefusedError);
    expect(error.message).toBe(
      `${join(checkout, 'space')} is a symbolic link to ${JSON.stringify(elsewhere)}; the folder to deploy must be the folder itself, not a link to one`,
    );
    expect(emulator.requests).toEqual([]);
    // The sync engine on its own refuses it too.
    await expect(
      syncFolder({
        access: { hubUrl: emulator.url, accessToken: TOKEN },
        spaceId: SPACE,
        dir: join(checkout, 'space'),
        title: 't',
      }),
    ).rejects.toThrow(LinkRefusedError);
    expect(emulator.requests).toEqual([]);
  });

  it('deploys a linked folder only when allowed (the CLI, for a folder the user named), and says so', async () => {
    const emulator = await hub();
    const real = await folder({ 'README.md': README, 'app.py': 'print(2)\n' });
    const checkout = await folder({});
    await symlink(real, join(checkout, 'space'));
    const logger = recordingLogger();
    const report = await deploySpace(
      options(emulator, join(checkout, 'space'), { allowFolderLink: true, logger }),
    );
    expect(report.outcome).toBe('deployed');
    expect(logger.text('info')).toContain(
      `${join(checkout, 'space')} is a symbolic link: deploying ${real}, as named`,
    );
    expect(Object.keys(emulator.filesAt(SPACE)).sort()).toEqual(['.gitattributes', 'README.md', 'app.py']);
  });

  it('checks the README size before reading it: a sparse 3 GiB README is refused without being read', async () => {
    const emulator = await hub();
    const dir = await folder({ 'app.py': 'print(1)\n' });
    await writeFile(join(dir, 'README.md'), '');
    await truncate(join(dir, 'README.md'), 3 * 1024 ** 3);
    const error = await refusal(deploySpace(options(emulator, dir)));
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error.message).toBe(`${join(dir, 'README.md')} is larger than the 1048576 bytes allowed`);
    expect(emulator.requestsTo('repo-create')).toEqual([]);
  });
});

describe('NoFollowFileBlob (what a commit uploads)', () => {
  it('reads the file that was hashed, in slices and as a stream', async () => {
    const dir = await folder({ 'app.py': 'print("hello")\n' });
    const path = join(dir, 'app.py');
    const blob = NoFollowFileBlob.of(path, identityOf(await lstat(path)));
    expect(blob.size).toBe(15);
    expect(await blob.text()).toBe('print("hello")\n');
    expect(await blob.slice(6, 13).text()).toBe('"hello"');
    expect(await new Response(blob.stream()).text()).toBe('print("hello")\n');
    expect(await new Response(blob).text()).toBe('print("hello")\n');
  });

  it('fails instead of uploading a link or another file put in its place after hashing', async () => {
    const dir = await folder({ 'app.py': 'print(1)\n', 'other.py': 'print(2)\n' });
    const path = join(dir, 'app.py');
    const blob = NoFollowFileBlob.of(path, identityOf(await lstat(path)));
    const secret = join(await folder({ 'secret.txt': `${CANARY}\n` }), 'secret.txt');
    await unlink(path);
    await symlink(secret, path);
    await expect(blob.text()).rejects.toThrow(LinkRefusedError);
    await expect(new Response(blob.stream()).text()).rejects.toThrow(LinkRefusedError);

    await unlink(path);
    await writeFile(path, 'print(3)\n');
    await expect(blob.text()).rejects.toThrow(FileChangedError);
  });
});
