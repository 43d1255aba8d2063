// Deploy cost: the sumops diff-only sync against two baselines measured in the same run, on the Hub emulator:
// - naive: one `uploadFiles` of the whole folder (what `@huggingface/hub` alone and force-push actions do);
// - per-file preupload: ask `/preupload` about every file and skip those whose oid matches (the decision logic of
//   Python `upload_folder`, behind the official hub-sync action: `hf repo create --exist-ok`, the tree listing for
//   `--delete`, preupload in chunks of 256).
// Cases: no-op deploy and one changed 2 KB file, on a Space of 500 files / 50 MB. Targets: no-op sends 0 bytes of
// file content, makes 0 commits in ≤ 4 Hub requests; one change sends ≤ 4 KB of content in 1 commit.
// Then peak RSS of a sumops deploy, each in a child process, for 50 MB and 500 MB Spaces (flat = streaming).
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { peakRssKb } from './peak-rss.mjs';
import type { HubEmulator } from '../../test/emulators/hub';
import {
  CHANGED,
  measure,
  MB,
  naive,
  perFilePreupload,
  seededHub,
  seedOf,
  generateSpace,
  SPACE,
  sumops,
  TOKEN,
} from './deploy-approaches';
import type { Cost } from './deploy-approaches';

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
