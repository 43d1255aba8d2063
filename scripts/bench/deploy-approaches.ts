// The deploy benchmark's fixtures and the three approaches it compares (bench-deploy.ts): a generated Space
// folder, a Hub emulator seeded with it, and what one deploy of each approach costs on that emulator.
import { mkdtemp, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uploadFiles } from '@huggingface/hub';
import { postCommit } from '#lib/deploy/commit-ndjson';
import type { CommitLine } from '#lib/deploy/commit-ndjson';
import { ensureSpace } from '#lib/deploy/create';
import { hashFile } from '#lib/deploy/hash';
import { loadIgnoreRules } from '#lib/deploy/ignore-rules';
import { listTreeAt, headCommit } from '#lib/deploy/remote-tree';
import { syncFolder } from '#lib/deploy/sync';
import { checkWriteAccess } from '#lib/deploy/token';
import type { HubAccess } from '#lib/deploy/types';
import { DEFAULT_SYNC_LIMITS } from '#lib/deploy/types';
import { walkFolder } from '#lib/deploy/walk';
import { silentLogger } from '#lib/log';
import { startHubEmulator } from '../../test/emulators/hub';
import type { HubEmulator, SeedFile } from '../../test/emulators/hub';

export const TOKEN = 'hf_bench_sumops_deploy';
export const SPACE = 'sumops-test/bench';
export const CHANGED = 'app.py';
export const MB = 1024 * 1024;

// ---- the Space on disk ---------------------------------------------------------------------------------------

/** 500 files: `app.py` (2 KB), 10 binary `*.bin` files (20 % of the bytes, LFS), the rest text in 5 folders. */
export async function generateSpace(totalBytes: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-bench-deploy-'));
  let state = 12345;
  const letters = Buffer.alloc(4 * MB);
  for (let i = 0; i < letters.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    letters[i] = i % 80 === 79 ? 10 : 97 + (state % 26);
  }
  const binaryCount = 10;
  const textCount = 500 - 1 - binaryCount;
  const binarySize = Math.floor((totalBytes * 0.2) / binaryCount);
  const textSize = Math.floor((totalBytes - binarySize * binaryCount - 2048) / textCount);
  await writeFile(join(dir, CHANGED), text(0, 2048, letters));
  for (let i = 0; i < binaryCount; i++) {
    await mkdir(join(dir, 'weights'), { recursive: true });
    const bytes = Buffer.alloc(binarySize, i + 1);
    bytes[0] = 0;
    for (let j = 1; j < bytes.length; j += 4096) bytes[j] = (j * 31 + i) & 0xff;
    await writeFile(join(dir, 'weights', `part-${i}.bin`), bytes);
  }
  for (let i = 0; i < textCount; i++) {
    const folder = join(dir, `pkg${i % 5}`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `module_${i}.py`), text(i + 1, textSize, letters));
  }
  return dir;
}

function text(index: number, size: number, letters: Buffer): Buffer {
  const header = Buffer.from(`# file ${index}\n`);
  const out = Buffer.alloc(size);
  header.copy(out);
  let at = header.length;
  let offset = (index * 7919) % letters.length;
  while (at < size) {
    const take = Math.min(size - at, letters.length - offset);
    letters.copy(out, at, offset, offset + take);
    at += take;
    offset = 0;
  }
  return out;
}

/** What the Space already holds (the same files), as metadata so the emulator keeps no copy of the bytes. */
export async function seedOf(dir: string): Promise<SeedFile[]> {
  const rules = await loadIgnoreRules(dir);
  const walked = await walkFolder(dir, rules, DEFAULT_SYNC_LIMITS, silentLogger);
  const seed: SeedFile[] = [];
  for (const file of walked.files) {
    const hashes = await hashFile(file.absolutePath, file.path, file.size);
    seed.push(
      file.path.endsWith('.bin')
        ? { path: file.path, size: file.size, lfsOid: hashes.sha256 }
        : { path: file.path, size: file.size, oid: hashes.gitOid },
    );
  }
  return seed;
}

export async function seededHub(seed: SeedFile[]): Promise<HubEmulator> {
  const hub = await startHubEmulator({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
  hub.seed(SPACE, seed, 'deployed before');
  hub.resetLog();
  return hub;
}

// ---- the three approaches ------------------------------------------------------------------------------------

type Approach = (access: HubAccess, dir: string) => Promise<void>;

export const sumops: Approach = async (access, dir) => {
  await checkWriteAccess(access, SPACE);
  await ensureSpace({ access, spaceId: SPACE, dir, create: true, private: false });
  await syncFolder({ access, spaceId: SPACE, dir, title: 'bench deploy' });
};

export const naive: Approach = async (access, dir) => {
  await uploadFiles({
    repo: { type: 'space', name: SPACE },
    files: [new URL(`${pathToFileURL(dir).href}/`)],
    accessToken: access.accessToken,
    hubUrl: access.hubUrl,
  });
};

/** Python `upload_folder` with `--delete="*"`, as hub-sync runs it, re-enacted over HTTP. */
export const perFilePreupload: Approach = async (access, dir) => {
  const headers = { authorization: `Bearer ${access.accessToken}`, 'content-type': 'application/json' };
  await fetch(`${access.hubUrl}/api/repos/create`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'bench', organization: 'sumops-test', type: 'space', sdk: 'gradio' }),
  }); // 409: exists, fine (--exist-ok)
  const head = await headCommit(access, SPACE);
  const remote = await listTreeAt(access, SPACE, head ?? 'main', 100_000);
  const walked = await walkFolder(dir, await loadIgnoreRules(dir), DEFAULT_SYNC_LIMITS, silentLogger);
  const lines: CommitLine[] = [];
  for (let start = 0; start < walked.files.length; start += 256) {
    const chunk = walked.files.slice(start, start + 256);
    const files = await Promise.all(
      chunk.map(async (file) => {
        const sample = Buffer.alloc(Math.min(512, file.size));
        const handle = await open(file.absolutePath);
        await handle.read(sample, 0, sample.length, 0);
        await handle.close();
        return { path: file.path, size: file.size, sample: sample.toString('base64') };
      }),
    );
    const response = await fetch(`${access.hubUrl}/api/spaces/${SPACE}/preupload/main`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ files }),
    });
    const answer = (await response.json()) as {
      files: Array<{ path: string; uploadMode: string; oid?: string }>;
    };
    for (const [index, mode] of answer.files.entries()) {
      const file = chunk[index];
      if (!file) continue;
      const hashes = await hashFile(file.absolutePath, file.path, file.size);
      const local = mode.uploadMode === 'lfs' ? hashes.sha256 : hashes.gitOid;
      if (mode.oid === local) continue;
      if (mode.uploadMode === 'lfs') throw new Error('bench: changed LFS files are not part of these cases');
      const content = await readFile(file.absolutePath);
      lines.push({
        key: 'file',
        value: { path: file.path, content: content.toString('base64'), encoding: 'base64' },
      });
    }
  }
  const local = new Set(walked.files.map((file) => file.path));
  for (const path of remote.keys()) {
    if (!local.has(path) && path !== '.gitattributes') lines.push({ key: 'deletedFile', value: { path } });
  }
  if (lines.length > 0) await postCommit(access, SPACE, { title: 'bench deploy', parentCommit: head, lines });
};

export interface Cost {
  contentBytes: number;
  requests: number;
  commits: number;
  ms: number;
}

export async function measure(
  approach: Approach,
  seed: SeedFile[],
  dir: string,
  change: boolean,
): Promise<Cost> {
  const hub = await seededHub(seed);
  const original = await readFile(join(dir, CHANGED));
  if (change)
    await writeFile(
      join(dir, CHANGED),
      Buffer.from(original.toString('utf8').replace('# file 0', '# file X')),
    );
  const commitsBefore = hub.commits(SPACE).length;
  const start = performance.now();
  try {
    await approach({ hubUrl: hub.url, accessToken: TOKEN }, dir);
    return {
      contentBytes: hub.contentBytesReceived(),
      requests: hub.requests.length,
      commits: hub.commits(SPACE).length - commitsBefore,
      ms: performance.now() - start,
    };
  } finally {
    await writeFile(join(dir, CHANGED), original);
    await hub.close();
  }
}
