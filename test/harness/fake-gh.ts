/**
 * A stand-in for the GitHub CLI in workflow scripts run by tests: `gh api PATH [-H …] [--jq EXPR]`. It answers from a
 * JSON state file (env FAKE_GH_STATE) the way api.github.com would, with bodies made from the examples in GitHub's
 * OpenAPI description (`@octokit/openapi`; the test puts them into the state, so no call parses the whole spec), and
 * appends every call with its answer to FAKE_GH_LOG (one JSON line) so the test can check the answers against that
 * description too. Workflow runs are filtered by `head_sha`, `event`
 * and `branch` and come newest first, `per_page` at a time, as the real endpoint does. `--jq` is applied by a table
 * of the expressions the workflows use: an unknown one fails, so a workflow change must be reflected here.
 *
 * Run by Node with type stripping (test/unit/workflows/deploy-gate.test.ts writes the `gh` wrapper).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

export interface FakeRun {
  workflow: string;
  headSha: string;
  event: string;
  branch: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  /** Reported `in_progress` (no conclusion) this many times before it is read with its status and conclusion. */
  busyReads?: number;
}

export interface FakeGitHubState {
  repository: string;
  mainHead: string;
  /** Commit sha → the sha of its `space` tree (absent: no space/ folder). */
  spaceTrees: Record<string, string>;
  /** Commit sha → the files it changed (default none). */
  changedFiles?: Record<string, string[]>;
  /** Oldest first. */
  runs: FakeRun[];
  /** GitHub's OpenAPI examples the answers are made from: a commit, a git tree, a workflow run. */
  examples: { commit: Json; tree: Json; run: Json };
}

type Json = Record<string, unknown>;

const JQ: Record<string, (body: Json) => string> = {
  '.files[].filename': (body) => (body.files as Json[]).map((file) => `${String(file.filename)}\n`).join(''),
  '.sha': (body) => `${String(body.sha)}\n`,
  '.tree[] | select(.path == "space" and .type == "tree") | .sha': (body) =>
    (body.tree as Json[])
      .filter((entry) => entry.path === 'space' && entry.type === 'tree')
      .map((entry) => `${String(entry.sha)}\n`)
      .join(''),
  '.workflow_runs[0] | select(. != null) | "\\(.status) \\(.conclusion)"': (body) => {
    const run = (body.workflow_runs as Array<{ status: string; conclusion: string | null }>)[0];
    // jq prints null as "null" inside string interpolation.
    return run ? `${run.status} ${run.conclusion ?? 'null'}\n` : '';
  },
};

function answer(state: FakeGitHubState, path: string): { status: number; body: Json } {
  const url = new URL(path.replace(/^\/?/, '/'), 'https://api.github.com');
  const [, , owner, repo, ...rest] = url.pathname.split('/');
  if (`${owner}/${repo}` !== state.repository) return { status: 404, body: { message: 'Not Found' } };
  const route = rest.join('/');
  const example = state.examples;

  const commit = /^commits\/([^/]+)$/.exec(route);
  if (commit?.[1]) {
    const sha = commit[1] === 'main' ? state.mainHead : commit[1];
    const files = (state.changedFiles?.[sha] ?? []).map((filename) => ({
      sha: '0'.repeat(40),
      filename,
      status: 'modified',
      additions: 1,
      deletions: 1,
      changes: 2,
      blob_url: `https://github.com/${state.repository}/blob/${sha}/${filename}`,
      raw_url: `https://github.com/${state.repository}/raw/${sha}/${filename}`,
      contents_url: `https://api.github.com/repos/${state.repository}/contents/${filename}?ref=${sha}`,
    }));
    return { status: 200, body: { ...example.commit, sha, files } };
  }
  const tree = /^git\/trees\/([0-9a-f]{40})$/.exec(route);
  if (tree?.[1]) {
    const base = example.tree;
    const space = state.spaceTrees[tree[1]];
    const entries = (base.tree as Json[]).filter((entry) => entry.path !== 'space');
    if (space)
      entries.push({ path: 'space', mode: '040000', type: 'tree', sha: space, url: `${url.origin}/x` });
    return { status: 200, body: { ...base, sha: tree[1], tree: entries } };
  }
  const runs = /^actions\/workflows\/([^/]+)\/runs$/.exec(route);
  if (runs?.[1]) {
    const template = example.run;
    const query = url.searchParams;
    const matching = state.runs
      .map((run, index) => ({ run, index }))
      .filter(({ run }) => run.workflow === runs[1])
      .filter(({ run }) => !query.has('head_sha') || run.headSha === query.get('head_sha'))
      .filter(({ run }) => !query.has('event') || run.event === query.get('event'))
      .filter(({ run }) => !query.has('branch') || run.branch === query.get('branch'))
      .reverse();
    const perPage = Number(query.get('per_page') ?? '30');
    return {
      status: 200,
      body: {
        total_count: matching.length,
        workflow_runs: matching.slice(0, perPage).map(({ run, index }) => {
          const busy = (run.busyReads ?? 0) > 0;
          if (busy) run.busyReads = (run.busyReads ?? 0) - 1;
          return {
            ...template,
            id: 1000 + index,
            head_sha: run.headSha,
            head_branch: run.branch,
            event: run.event,
            status: busy ? 'in_progress' : run.status,
            conclusion: busy ? null : run.conclusion,
            path: `.github/workflows/${run.workflow}`,
          };
        }),
      },
    };
  }
  return { status: 404, body: { message: 'Not Found' } };
}

function main(argv: string[]): number {
  const statePath = process.env.FAKE_GH_STATE ?? '';
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as FakeGitHubState;
  if (argv[0] !== 'api') throw new Error(`fake gh: only "gh api" is emulated, got ${argv.join(' ')}`);
  let path = '';
  let jq: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--jq' || arg === '-q') jq = argv[++i];
    else if (arg === '-H' || arg === '--header') i++;
    else if (!arg.startsWith('-')) path = arg;
    else throw new Error(`fake gh: unknown flag ${arg}`);
  }
  const { status, body } = answer(state, path);
  // Runs that were busy count down across calls, as a run in progress finishes between polls.
  writeFileSync(statePath, JSON.stringify(state));
  appendFileSync(process.env.FAKE_GH_LOG ?? '', `${JSON.stringify({ path, status, body })}\n`);
  if (status >= 400) {
    process.stderr.write(`gh: ${String(body.message)} (HTTP ${status})\n`);
    return 1;
  }
  if (jq === undefined) {
    process.stdout.write(`${JSON.stringify(body)}\n`);
    return 0;
  }
  const filter = JQ[jq];
  if (!filter) throw new Error(`fake gh: no emulation of --jq ${JSON.stringify(jq)}`);
  process.stdout.write(filter(body));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
