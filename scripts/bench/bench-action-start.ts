// Action start-up: each committed action bundle (actions/<name>/dist/index.js) started as the runner starts it
// (`node dist/index.js`, inputs as INPUT_* variables, a GitHub-like environment), timed from spawn to the first
// thing it does that anyone can see: its first HTTP request (to a loopback server standing in for GitHub, the Hub
// and the Space) or its first line of output, whichever comes first; then it is stopped. `node -e 0` (spawn to
// exit) is measured in the same run as the baseline. Turns rotate, so load from other processes falls on all
// alike; the figure is the median.
// Run: npx tsx scripts/bench/bench-action-start.ts (BENCH_RUNS=N rounds, default 15; BENCH_PROFILE_DIR=D also writes one
// CPU profile per action start to D/<action>/, for finding what a start spends its time on).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const root = resolve(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'bench-action-start-'));

// Every request is answered 503 (clients may retry, but the first request is what is timed). When profiling, 401
// instead, so that the action fails at once and exits by itself: a CPU profile is written only at a normal exit.
const profileDir = process.env.BENCH_PROFILE_DIR;
let onRequest: (() => void) | undefined;
const server = createServer((request, response) => {
  onRequest?.();
  request.resume();
  response.writeHead(profileDir ? 401 : 503, { 'content-type': 'application/json', 'retry-after': '60' });
  response.end('{"message":"bench"}');
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The comment action needs an evaluation's scores.json: made once with the CLI, as the evaluate workflow makes it.
const scoresDir = join(temp, 'eval');
execFileSync(process.execPath, [join(root, 'bin', 'sumops.js'), 'eval', '--out', scoresDir], {
  cwd: root,
  stdio: 'ignore',
});
const pullRequest = {
  number: 7,
  head: { sha: 'c0ffee0000000000000000000000000000000002', repo: { full_name: 'acme/summaries' } },
  base: { repo: { full_name: 'acme/summaries' } },
};
writeFileSync(join(temp, 'pull_request.json'), JSON.stringify({ pull_request: pullRequest, number: 7 }));
writeFileSync(join(temp, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));

/** Inputs that take each action straight to its first request. */
const actions: Record<string, { inputs: Record<string, string>; event: string }> = {
  comment: {
    inputs: { 'scores-path': join(scoresDir, 'scores.json'), 'pr-number': '7', 'github-token': 'ghs_bench' },
    event: 'pull_request',
  },
  'deploy-space': {
    inputs: { 'hf-token': 'hf_bench', space: 'acme/bench', 'hub-url': loopback, evaluate: 'false' },
    event: 'push',
  },
  evaluate: {
    inputs: { provider: 'space', space: loopback, comment: 'false', 'out-dir': join(temp, 'eval-out') },
    event: 'push',
  },
  // The judge job: main's bundle on the evaluation's scores.json and the fixtures, its first request the first call.
  judge: {
    inputs: {
      'scores-path': join(scoresDir, 'scores.json'),
      'fixtures-dir': root,
      'api-key': 'sk-bench',
      'base-url': `${loopback}/v1`,
      'out-dir': join(temp, 'judge-out'),
    },
    event: 'pull_request',
  },
  'space-preview': {
    inputs: {
      command: 'sweep',
      'hf-token': 'hf_bench',
      space: 'acme/bench',
      'hub-url': loopback,
      'github-token': 'ghs_bench',
    },
    event: 'push',
  },
  'summarize-urls': {
    inputs: { urls: `${loopback}/page`, 'github-token': 'ghs_bench', config: 'missing.yml' },
    event: 'workflow_dispatch',
  },
};

function environment(
  name: string,
  spec: { inputs: Record<string, string>; event: string },
): NodeJS.ProcessEnv {
  const metadata = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string | number | boolean }>;
  };
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const inputs: Record<string, string> = {};
  for (const [input, { default: value }] of Object.entries(metadata.inputs ?? {}))
    // `${{ github.token }}` and the like have no value outside a workflow.
    if (value !== undefined) inputs[input] = String(value).includes('${{') ? '' : String(value);
  Object.assign(inputs, spec.inputs);
  for (const [input, value] of Object.entries(inputs))
    env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;
  const files = join(temp, name);
  rmSync(files, { recursive: true, force: true });
  mkdirSync(files, { recursive: true });
  writeFileSync(join(files, 'output'), '');
  writeFileSync(join(files, 'summary'), '');
  return {
    ...env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: spec.event,
    GITHUB_EVENT_PATH: join(temp, spec.event === 'pull_request' ? 'pull_request.json' : 'push.json'),
    GITHUB_OUTPUT: join(files, 'output'),
    GITHUB_STEP_SUMMARY: join(files, 'summary'),
    GITHUB_REPOSITORY: 'acme/summaries',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: loopback,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000001',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: files,
    RUNNER_OS: 'Linux',
  };
}

interface Start {
  /** Spawn to the first line of output (stdout or stderr), if any came before the first request. */
  outputMs: number | undefined;
  /** Spawn to the first HTTP request; undefined if it exited or timed out first. */
  requestMs: number | undefined;
  firstLine: string;
}

/** Starts a bundle and waits for its first request (at most 20 s), noting its first output line on the way. */
function start(bundle: string, env: NodeJS.ProcessEnv): Promise<Start> {
  return new Promise((done, fail) => {
    const begin = performance.now();
    const flags = profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${join(resolve(profileDir), basename(dirname(dirname(bundle))))}`]
      : [];
    const child = spawn(process.execPath, [...flags, bundle], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: Start = { outputMs: undefined, requestMs: undefined, firstLine: '' };
    const timer = setTimeout(() => finish(), 20_000);
    let settled = false;
    function finish(): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      onRequest = undefined;
      child.kill('SIGKILL');
      done(result);
    }
    const output = (chunk: Buffer): void => {
      if (result.outputMs !== undefined) return;
      result.outputMs = performance.now() - begin;
      result.firstLine = chunk.toString().split('\n')[0]?.slice(0, 40) ?? '';
    };
    onRequest = () => {
      result.requestMs = performance.now() - begin;
      if (!profileDir) finish();
    };
    child.stdout.on('data', output);
    child.stderr.on('data', output);
    child.once('error', fail);
    child.once('exit', () => finish());
  });
}

const names = Object.keys(actions).filter((name) =>
  existsSync(join(root, 'actions', name, 'dist', 'index.js')),
);
const bundleOf = (name: string): string => join(root, 'actions', name, 'dist', 'index.js');
const baseline: number[] = [];
const starts: Record<string, Start[]> = Object.fromEntries(names.map((n) => [n, []]));
const order = ['node -e 0', ...names];
// One untimed start each warms the file cache.
for (const name of names) await start(bundleOf(name), environment(name, actions[name] as never));
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < order.length; i++) {
    const name = order[(round + i) % order.length] as string;
    if (name === 'node -e 0') {
      const begin = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      baseline.push(performance.now() - begin);
    } else starts[name]?.push(await start(bundleOf(name), environment(name, actions[name] as never)));
  }
}
server.close();
rmSync(temp, { recursive: true, force: true });

const median = (values: (number | undefined)[]): number => {
  const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  return known.length === values.length ? (known[Math.floor(known.length / 2)] ?? NaN) : NaN;
};
const base = median(baseline);
const cell = (ms: number): string =>
  Number.isNaN(ms) ? '—' : `${ms.toFixed(0)} (${(ms / base).toFixed(2)}×)`;
console.log(
  `Action start-up, ${runs} rounds, Node ${process.version}; node -e 0 (spawn to exit): ${base.toFixed(0)} ms\n`,
);
console.log(
  '| bundle | size MB | first output line, ms (× node -e 0) | first request, ms (× node -e 0) | first line |',
);
console.log('|---|---|---|---|---|');
for (const name of names) {
  const list = starts[name] ?? [];
  const size = readFileSync(bundleOf(name)).length / 1024 / 1024;
  console.log(
    `| ${name} | ${size.toFixed(1)} | ${cell(median(list.map((s) => s.outputMs)))} | ${cell(median(list.map((s) => s.requestMs)))} | \`${list[0]?.firstLine ?? ''}\` |`,
  );
}
