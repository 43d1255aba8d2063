/**
 * deploy.yml's gate, run with bash as the runner would (like shard-plan.test.ts and history-job.test.ts), with the
 * GitHub CLI replaced by test/harness/fake-gh.ts: GitHub's workflow-run filters (head_sha, event, branch), its
 * commit and tree endpoints, bodies from GitHub's OpenAPI examples and checked against its OpenAPI description.
 * `sleep` is a no-op, so waiting costs nothing. The gate must require ci.yml AND evaluate.yml for every deploy,
 * count only push runs on main, refuse any ref but main, and never ship a commit main has moved past.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitHubOpenApi } from '../../harness/github-openapi';
import type { FakeGitHubState, FakeRun } from '../../harness/fake-gh';

const workflow = parse(
  await readFile(new URL('../../../.github/workflows/deploy.yml', import.meta.url), 'utf8'),
) as { jobs: Record<string, { if?: string; steps: { id?: string; run?: string }[] }> };
const script = workflow.jobs.gate?.steps.find((s) => s.id === 'gate')?.run ?? '';
const FAKE_GH = fileURLToPath(new URL('../../harness/fake-gh.ts', import.meta.url));
const openApi = new GitHubOpenApi();
const spec = JSON.parse(
  await readFile(
    createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'),
    'utf8',
  ),
) as { components: { examples: Record<string, { value: Record<string, unknown> }> } };
const EXAMPLES: FakeGitHubState['examples'] = {
  // GitHub's own commit example lists a file without the fields its schema requires; the gate reads only `sha`.
  commit: { ...spec.components.examples.commit?.value, files: [] },
  tree: spec.components.examples['git-tree-default-response']?.value ?? {},
  run:
    (
      spec.components.examples['workflow-run-paginated']?.value.workflow_runs as Record<string, unknown>[]
    )[0] ?? {},
};

const REPO = 'acme/summaries';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const pass = (workflowFile: string, headSha: string, extra: Partial<FakeRun> = {}): FakeRun => ({
  workflow: workflowFile,
  headSha,
  event: 'push',
  branch: 'main',
  status: 'completed',
  conclusion: 'success',
  ...extra,
});

async function runGate(
  state: Omit<FakeGitHubState, 'repository' | 'examples'>,
  env: { sha: string; ref?: string },
) {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-gate-'));
  const bin = join(dir, 'bin');
  await promisify(execFile)('mkdir', [bin]);
  await writeFile(
    join(bin, 'gh'),
    `#!/bin/sh\nexec "${process.execPath}" --experimental-strip-types --no-warnings "${FAKE_GH}" "$@"\n`,
  );
  await writeFile(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'gh'), 0o755);
  await chmod(join(bin, 'sleep'), 0o755);
  await writeFile(
    join(dir, 'state.json'),
    JSON.stringify({ repository: REPO, examples: EXAMPLES, ...state }),
  );
  await writeFile(join(dir, 'output'), '');
  await writeFile(join(dir, 'gh.log'), '');
  const result = await promisify(execFile)(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
    {
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_REPOSITORY: REPO,
        GH_TOKEN: 'ghs_test',
        SHA: env.sha,
        REF: env.ref ?? 'refs/heads/main',
        FAKE_GH_STATE: join(dir, 'state.json'),
        FAKE_GH_LOG: join(dir, 'gh.log'),
      },
    },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout + error.stderr,
    }),
  );
  const calls = (await readFile(join(dir, 'gh.log'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { path: string; status: number; body: unknown });
  return { ...result, output: await readFile(join(dir, 'output'), 'utf8'), calls };
}

const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error::'));

describe('deploy.yml gate', () => {
  it('deploys main’s head once ci.yml and evaluate.yml passed on its push, asking GitHub as documented', async () => {
    const gate = await runGate(
      { mainHead: A, spaceTrees: { [A]: 's1' }, runs: [pass('ci.yml', A), pass('evaluate.yml', A)] },
      { sha: A },
    );
    expect(gate.code, gate.stdout).toBe(0);
    expect(gate.output).toBe('deploy=true\n');
    const runLookups = gate.calls.filter((c) => c.path.includes('/runs?'));
    expect(runLookups.map((c) => c.path)).toEqual([
      `repos/${REPO}/actions/workflows/ci.yml/runs?head_sha=${A}&event=push&branch=main&per_page=1`,
      `repos/${REPO}/actions/workflows/evaluate.yml/runs?head_sha=${A}&event=push&branch=main&per_page=1`,
    ]);
    // Every answer the fake gave is one api.github.com could give.
    for (const call of gate.calls) {
      const path = `/${call.path.split('?')[0] ?? ''}`;
      expect(openApi.check('GET', path, call.status, call.body).problems, path).toEqual([]);
    }
  });

  it('refuses a head commit that only bumps space/README.md when its evaluation failed', async () => {
    // The old gate required evaluate.yml only for commits touching non-Markdown files: this one shipped.
    const gate = await runGate(
      {
        mainHead: A,
        spaceTrees: { [A]: 's1' },
        changedFiles: { [A]: ['space/README.md'] },
        runs: [pass('ci.yml', A), pass('evaluate.yml', A, { conclusion: 'failure' })],
      },
      { sha: A },
    );
    expect(gate.code).toBe(1);
    expect(errors(gate.stdout)).toEqual([
      `::error::evaluate.yml of ${A} ended with 'failure': not deploying it.`,
    ]);
    expect(gate.output).not.toContain('deploy=true');
  });

  it('refuses a multi-commit push whose last commit edits Markdown when the push’s evaluation failed', async () => {
    // evaluate.yml ran for the head (the push changed space/ and code); CI passed; the evaluation did not. The
    // head commit itself only edits docs, which is all the old gate looked at.
    const gate = await runGate(
      {
        mainHead: A,
        spaceTrees: { [A]: 's1' },
        changedFiles: { [A]: ['docs/notes.md'] },
        runs: [pass('evaluate.yml', A, { conclusion: 'failure' }), pass('ci.yml', A)],
      },
      { sha: A },
    );
    expect(gate.code).toBe(1);
    expect(errors(gate.stdout)[0]).toContain(`evaluate.yml of ${A} ended with 'failure'`);
  });

  it('counts only push runs on main: a green pull_request run of the same commit does not stand in', async () => {
    const gate = await runGate(
      {
        mainHead: A,
        spaceTrees: { [A]: 's1' },
        changedFiles: { [A]: ['space/app.py'] },
        runs: [
          pass('ci.yml', A),
          pass('evaluate.yml', A, { conclusion: 'failure' }),
          // Newer, green, but the PR's own workflow files ran it.
          pass('evaluate.yml', A, { event: 'pull_request', branch: 'tune-beams' }),
        ],
      },
      { sha: A },
    );
    expect(gate.code).toBe(1);
    expect(errors(gate.stdout)[0]).toContain(`evaluate.yml of ${A} ended with 'failure'`);
  });

  it('waits for a run still in progress and fails one that never started on main', async () => {
    const running = await runGate(
      {
        mainHead: A,
        spaceTrees: { [A]: 's1' },
        runs: [pass('ci.yml', A), pass('evaluate.yml', A, { conclusion: 'failure', busyReads: 3 })],
      },
      { sha: A },
    );
    expect(running.code).toBe(1);
    expect(running.calls.filter((c) => c.path.includes('evaluate.yml/runs?'))).toHaveLength(4);
    expect(errors(running.stdout)).toEqual([
      `::error::evaluate.yml of ${A} ended with 'failure': not deploying it.`,
    ]);
    const missing = await runGate(
      { mainHead: A, spaceTrees: { [A]: 's1' }, runs: [pass('ci.yml', A)] },
      { sha: A },
    );
    expect(missing.code).toBe(1);
    expect(errors(missing.stdout)).toEqual([
      `::error::evaluate.yml has no push run on main for ${A} after 10 minutes; not deploying an unchecked commit.`,
    ]);
  });

  it('refuses a stale SHA (a re-run of an old deploy) when main has another space/, before waiting for anything', async () => {
    const gate = await runGate(
      {
        mainHead: B,
        spaceTrees: { [A]: 's-old', [B]: 's-new' },
        runs: [pass('ci.yml', A), pass('evaluate.yml', A), pass('ci.yml', B), pass('evaluate.yml', B)],
      },
      { sha: A },
    );
    expect(gate.code).toBe(0);
    expect(gate.output).toBe('deploy=false\n');
    expect(gate.stdout).toContain(
      `::notice::Not deploying ${A}: main has moved on to ${B}, with another space/`,
    );
    expect(gate.calls.filter((c) => c.path.includes('/runs?'))).toEqual([]);
  });

  it('deploys a commit main moved past only when main’s space/ is the same (a later docs-only push)', async () => {
    const gate = await runGate(
      {
        mainHead: B,
        spaceTrees: { [A]: 's-same', [B]: 's-same' },
        runs: [pass('ci.yml', A), pass('evaluate.yml', A)],
      },
      { sha: A },
    );
    expect(gate.code, gate.stdout).toBe(0);
    expect(gate.output).toBe('deploy=true\n');
  });

  it('refuses any ref but main (a workflow_dispatch on a feature branch), asking GitHub nothing', async () => {
    const gate = await runGate(
      { mainHead: A, spaceTrees: { [A]: 's1' }, runs: [pass('ci.yml', A), pass('evaluate.yml', A)] },
      { sha: A, ref: 'refs/heads/feature' },
    );
    expect(gate.code).toBe(1);
    expect(errors(gate.stdout)).toEqual([
      "::error::deploy runs on main only, not on refs/heads/feature: production gets main's head after its CI and evaluation passed.",
    ]);
    expect(gate.calls).toEqual([]);
  });

  it('the deploy job itself runs only for main and only when the gate says so', () => {
    expect(workflow.jobs.deploy?.if).toBe(
      "needs.gate.outputs.deploy == 'true' && github.ref == 'refs/heads/main'",
    );
  });
});
