// Digest benchmark: 300 URLs on 30 loopback hosts that each answer after 200 ms, concurrency 16, against the
// GitHub emulator, through the bundled CLI (`sumops digest --no-throttle`: the emulator has no secondary limits). Three runs of the same config: the
// first creates every issue, the second and third must write nothing. The ideal time is measured in this run:
// one request's latency L (timed serially first), then ideal = max(most URLs on one host × L, ⌈URLs / C⌉ × L),
// the floor set by one-request-per-host and by the overall concurrency. Target: run time ≤ 1.3 × ideal, peak
// RSS ≤ 300 MB, zero duplicate issues, zero writes on runs 2 and 3.
// Run: npx tsx scripts/bench/bench-digest.ts [--urls 300] [--hosts 30] [--latency 200] [--concurrency 16]
import { parseArgs } from 'node:util';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMarker } from '#lib/digest/marker';
import { startGitHubEmulator, TEST_TOKENS } from '../../test/emulators/github';
import { article, prose, startSite } from '../../test/emulators/site';
import type { SiteEmulator } from '../../test/emulators/site';

const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '300' },
    hosts: { type: 'string', default: '30' },
    latency: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
  },
});
const URLS = Number(values.urls);
const HOSTS = Number(values.hosts);
const LATENCY = Number(values.latency);
const CONCURRENCY = Number(values.concurrency);

// Bundle the CLI from the current sources, as `npm ci` (prepare) does.
execFileSync(process.execPath, [resolve(import.meta.dirname, '..', 'build.mjs'), '--cli'], {
  stdio: 'inherit',
});

const github = await startGitHubEmulator({ rateLimit: 1_000_000 });
github.seedRepo('acme', 'digest');
const sites: SiteEmulator[] = [];
for (let h = 0; h < HOSTS; h++) sites.push(await startSite({ latencyMs: LATENCY }));
const urls: string[] = [];
for (let i = 0; i < URLS; i++) {
  const site = sites[i % HOSTS] as SiteEmulator;
  const path = `/page-${i}`;
  site.set(path, { body: article(`Page ${i}`, prose(`p${i}`, 16)) });
  urls.push(`${site.url}${path}?utm_source=bench`);
}

// L: one request, timed alone, several times (median), on a host the digest doesn't use.
const probe = await startSite({ latencyMs: LATENCY });
probe.set('/p', { body: article('Probe', prose('probe', 16)) });
const samples: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  await (await fetch(`${probe.url}/p`)).text();
  samples.push(performance.now() - start);
}
await probe.close();
const latency = samples.sort((a, b) => a - b)[2] as number;
const perHost = Math.ceil(URLS / HOSTS);
const ideal = Math.max(perHost, Math.ceil(URLS / CONCURRENCY)) * latency;

// The digest runs as users run it: the bundled CLI in its own process (the emulators stay in this one).
const dir = mkdtempSync(join(tmpdir(), 'sumops-bench-digest-'));
const configPath = join(dir, 'sumops.yml');
writeFileSync(
  configPath,
  `allow-private-network: true\ndefaults:\n  labels: [bench]\n  max-items: 1000\n  concurrency: ${CONCURRENCY}\nurls:\n${urls.map((u) => `  - ${u}\n`).join('')}`,
);
const rssFile = join(dir, 'rss');
const cli = resolve(import.meta.dirname, '..', '..', 'bin', 'sumops.js');
const preload = pathToFileURL(resolve(import.meta.dirname, 'rss-preload.mjs')).href;

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', preload, cli, ...args], {
      env: { ...process.env, GITHUB_TOKEN: TEST_TOKENS.write, SUMOPS_BENCH_RSS_FILE: rssFile },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

// Baseline for process start-up, measured in this run: the same bundle printing its version.
const startupSamples: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  await runCli(['--version']);
  startupSamples.push(performance.now() - start);
}
const startup = startupSamples.sort((a, b) => a - b)[1] as number;

interface Row {
  run: number;
  ms: number;
  writes: number;
  statuses: string;
  maxInFlightPerHost: number;
  rssMb: number;
  cpuMs: number;
}
const rows: Row[] = [];
for (let run = 1; run <= 3; run++) {
  for (const site of sites) site.maxInFlight = 0;
  const writesBefore = github.writes().length;
  const start = performance.now();
  const result = await runCli([
    'digest',
    '--config',
    configPath,
    '--repo',
    'acme/digest',
    '--github-api',
    github.url,
    '--json',
    '--no-throttle',
  ]);
  const ms = performance.now() - start;
  if (result.code !== 0) throw new Error(`digest run ${run} exited ${result.code}: ${result.stderr}`);
  const counts = new Map<string, number>();
  for (const line of result.stdout.trim().split('\n')) {
    const { status } = JSON.parse(line) as { status: string };
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  rows.push({
    run,
    ms,
    writes: github.writes().length - writesBefore,
    statuses: [...counts].map(([s, n]) => `${n} ${s}`).join(', '),
    maxInFlightPerHost: Math.max(...sites.map((s) => s.maxInFlight)),
    ...(() => {
      const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuUs: number };
      return { rssMb: usage.maxRssKb / 1024, cpuMs: usage.cpuUs / 1000 };
    })(),
  });
}
rmSync(dir, { recursive: true, force: true });
const issues = github.issues('acme', 'digest');
const keys = issues.map((i) => parseMarker(i.body)?.url);
const duplicates = keys.length - new Set(keys).size;
const rssMb = Math.max(...rows.map((r) => r.rssMb));

const pass = (ok: boolean): string => (ok ? 'yes' : '**NO**');
console.log(
  `machine load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs (timings stretch when it exceeds the CPU count)`,
);
console.log(`${URLS} URLs on ${HOSTS} hosts, ${LATENCY} ms simulated latency, concurrency ${CONCURRENCY}`);
console.log(`measured single-request latency L = ${latency.toFixed(1)} ms (median of 5, serial)`);
console.log(
  `ideal = max(${perHost} per host, ⌈${URLS}/${CONCURRENCY}⌉ = ${Math.ceil(URLS / CONCURRENCY)}) × L = ${(ideal / 1000).toFixed(2)} s\n`,
);
console.log(
  `CLI start-up (sumops --version, median of 3) = ${(startup / 1000).toFixed(2)} s, included in the times below\n`,
);
console.log(
  '| run | time (s) | × ideal | digest CPU (s) | writes | outcomes | max in flight on one host | peak RSS (MB) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${row.run} | ${(row.ms / 1000).toFixed(2)} | ${(row.ms / ideal).toFixed(2)} | ${(row.cpuMs / 1000).toFixed(2)} | ${row.writes} | ${row.statuses} | ${row.maxInFlightPerHost} | ${row.rssMb.toFixed(0)} |`,
  );
}
console.log('\n| target | value | met |');
console.log('| --- | ---: | --- |');
const worst = Math.max(...rows.map((r) => r.ms / ideal));
console.log(`| every run ≤ 1.3 × ideal | ${worst.toFixed(2)} × | ${pass(worst <= 1.3)} |`);
console.log(`| peak RSS of the digest process ≤ 300 MB | ${rssMb.toFixed(0)} MB | ${pass(rssMb <= 300)} |`);
console.log(
  `| issues = URLs, no duplicates | ${issues.length} issues, ${duplicates} duplicates | ${pass(issues.length === URLS && duplicates === 0)} |`,
);
const quiet = rows.slice(1).every((r) => r.writes === 0);
console.log(
  `| zero writes on runs 2 and 3 | ${rows
    .slice(1)
    .map((r) => r.writes)
    .join(', ')} | ${pass(quiet)} |`,
);
console.log(
  `| one request per host at a time | max ${Math.max(...rows.map((r) => r.maxInFlightPerHost))} | ${pass(rows.every((r) => r.maxInFlightPerHost === 1))} |`,
);

await github.close();
for (const site of sites) await site.close();
const ok = worst <= 1.3 && rssMb <= 300 && duplicates === 0 && issues.length === URLS && quiet;
process.exit(ok ? 0 : 1);
