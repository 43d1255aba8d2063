// Deploy cost: the sumops diff-only sync against two baselines measured in the same run, on the Hub emulator:
// - naive: one `uploadFiles` of the whole folder (what `@huggingface/hub` alone and force-push actions do);
// - per-file preupload: ask `/preupload` about every file and skip those whose oid matches (the decision logic of
//   Python `upload_folder`, behind the official hub-sync action: `hf repo create --exist-ok`, the tree listing for
//   `--delete`, preupload in chunks of 256).
// Cases: no-op deploy and one changed 2 KB file, on a Space of 500 files / 50 MB. Targets: no-op sends 0 bytes of
// file content, makes 0 commits in ≤ 4 Hub requests; one change sends ≤ 4 KB of content in 1 commit.
// Then peak RSS of a sumops deploy, each in a child process, for 50 MB and 500 MB Spaces (flat = streaming).
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
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
import { peakRssKb } from './peak-rss.mjs';
import type { HubEmulator, SeedFile } from '../../test/emulators/hub';

const TOKEN = 'hf_bench_sumops_deploy';
const SPACE = 'sumops-test/bench';
const CHANGED = 'app.py';
const MB = 1024 * 1024;

// ---- the Space on disk ---------------------------------------------------------------------------------------

/** 500 files: `app.py` (2 KB), 10 binary `*.bin` files (20 % of the bytes, LFS), the rest text in 5 folders. */
async function generateSpace(totalBytes: number): Promise<string> {
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
async function seedOf(dir: string): Promise<SeedFile[]> {
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

async function seededHub(seed: SeedFile[]): Promise<HubEmulator> {
  const hub = await startHubEmulator({ spaces: [{ id: SPACE, host: 'http://127.0.0.1:9' }] });
  hub.seed(SPACE, seed, 'deployed before');
  hub.resetLog();
  return hub;
}

// ---- the three approaches ------------------------------------------------------------------------------------

type Approach = (access: HubAccess, dir: string) => Promise<void>;

const sumops: Approach = async (access, dir) => {
  await checkWriteAccess(access, SPACE);
  await ensureSpace({ access, spaceId: SPACE, dir, create: true, private: false });
  await syncFolder({ access, spaceId: SPACE, dir, title: 'bench deploy' });
};

const naive: Approach = async (access, dir) => {
  await uploadFiles({
    repo: { type: 'space', name: SPACE },
    files: [new URL(`${pathToFileURL(dir).href}/`)],
    accessToken: access.accessToken,
    hubUrl: access.hubUrl,
  });
};

/** Python `upload_folder` with `--delete="*"`, as hub-sync runs it, re-enacted over HTTP. */
const perFilePreupload: Approach = async (access, dir) => {
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

interface Cost {
  contentBytes: number;
  requests: number;
  commits: number;
  ms: number;
}

async function measure(approach: Approach, seed: SeedFile[], dir: string, change: boolean): Promise<Cost> {
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

// ---- peak RSS in child processes -----------------------------------------------------------------------------

async function rssChild(mode: string, hubUrl: string, dir: string): Promise<void> {
  if (mode !== 'baseline') await sumops({ hubUrl, accessToken: TOKEN }, dir);
  process.stdout.write(JSON.stringify({ maxRssKb: peakRssKb() }));
}

async function childRss(
  mode: 'baseline' | 'noop' | 'change',
  hub: HubEmulator,
  dir: string,
): Promise<Cost & { rssMb: number }> {
  const original = await readFile(join(dir, CHANGED));
  if (mode === 'change')
    await writeFile(
      join(dir, CHANGED),
      Buffer.from(original.toString('utf8').replace('# file 0', '# file Y')),
    );
  hub.resetLog();
  const commitsBefore = hub.commits(SPACE).length;
  const start = performance.now();
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/bench-deploy.ts', '--rss-child', mode, hub.url, dir],
      { maxBuffer: 1024 * 1024 },
    );
    const { maxRssKb } = JSON.parse(stdout) as { maxRssKb: number };
    return {
      rssMb: maxRssKb / 1024,
      contentBytes: hub.contentBytesReceived(),
      requests: hub.requests.length,
      commits: hub.commits(SPACE).length - commitsBefore,
      ms: performance.now() - start,
    };
  } finally {
    await writeFile(join(dir, CHANGED), original);
  }
}

// ---- report --------------------------------------------------------------------------------------------------

function kb(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < MB
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / MB).toFixed(1)} MB`;
}

function ratio(value: number, base: number): string {
  if (base === 0) return value === 0 ? '1×' : '∞ (sumops: 0)';
  return `${(value / base).toFixed(1)}×`;
}

async function main(): Promise<void> {
  console.log(`Deploy cost on the Hub emulator, Node ${process.version}\n`);
  const dir = await generateSpace(50 * MB);
  const dirs = [dir];
  try {
    const seed = await seedOf(dir);
    const rows: Array<{ name: string; noop: Cost; change: Cost }> = [];
    for (const [name, approach] of [
      ['sumops diff-only sync', sumops],
      ['naive whole-folder uploadFiles', naive],
      ['per-file preupload (Python upload_folder)', perFilePreupload],
    ] as const) {
      rows.push({
        name,
        noop: await measure(approach, seed, dir, false),
        change: await measure(approach, seed, dir, true),
      });
    }
    const [ours] = rows;
    if (!ours) throw new Error('no rows');
    console.log('Space of 500 files / 50 MB (10 LFS files, 20 % of the bytes):\n');
    console.log(
      '| approach | case | file content sent | Hub requests | commits | ms | bytes vs sumops | requests vs sumops |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) {
      for (const [label, cost, base] of [
        ['no-op', row.noop, ours.noop],
        ['one 2 KB file changed', row.change, ours.change],
      ] as const) {
        console.log(
          `| ${row.name} | ${label} | ${kb(cost.contentBytes)} | ${cost.requests} | ${cost.commits} | ` +
            `${cost.ms.toFixed(0)} | ${ratio(cost.contentBytes, base.contentBytes)} | ${ratio(cost.requests, base.requests)} |`,
        );
      }
    }
    const noopOk = ours.noop.contentBytes === 0 && ours.noop.commits === 0 && ours.noop.requests <= 4;
    const changeOk = ours.change.contentBytes <= 4096 && ours.change.commits === 1;
    console.log(
      `\nTargets: no-op 0 B / 0 commits / ≤ 4 requests: ${noopOk ? 'met' : 'MISSED'}; ` +
        `one change ≤ 4 KB / 1 commit: ${changeOk ? 'met' : 'MISSED'}`,
    );

    console.log(
      '\nPeak RSS of a sumops deploy (child process per run; baseline = same imports, no deploy):\n',
    );
    console.log('| Space | case | peak RSS MB | file content sent | Hub requests | commits | ms |');
    console.log('|---|---|---|---|---|---|---|');
    for (const size of [50, 500]) {
      const spaceDir = size === 50 ? dir : await generateSpace(size * MB);
      if (spaceDir !== dir) dirs.push(spaceDir);
      const hub = await seededHub(size === 50 ? seed : await seedOf(spaceDir));
      try {
        for (const mode of size === 50
          ? (['baseline', 'noop', 'change'] as const)
          : (['noop', 'change'] as const)) {
          const cost = await childRss(mode, hub, spaceDir);
          const label =
            mode === 'baseline'
              ? 'baseline (no deploy)'
              : mode === 'noop'
                ? 'no-op'
                : 'one 2 KB file changed';
          console.log(
            `| ${size} MB / 500 files | ${label} | ${cost.rssMb.toFixed(0)} | ${kb(cost.contentBytes)} | ` +
              `${cost.requests} | ${cost.commits} | ${cost.ms.toFixed(0)} |`,
          );
        }
      } finally {
        await hub.close();
      }
    }
  } finally {
    for (const generated of dirs) await rm(generated, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--rss-child') {
  await rssChild(process.argv[3] ?? 'noop', process.argv[4] ?? '', process.argv[5] ?? '');
} else {
  await main();
}
