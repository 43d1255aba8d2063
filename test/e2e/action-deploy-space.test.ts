import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { TEST_TOKENS, startGitHubEmulator } from '../emulators/github';
import type { GitHubEmulator } from '../emulators/github';
import { everything, LIVE_FILES, LOCAL_FILES, startDeployEnv } from '../harness/deploy-env';
import type { DeployEnv } from '../harness/deploy-env';
import { runAction } from '../harness/run-action';
import { pullRequestEvent, pushEvent } from '../harness/webhook-events';
import { hubError } from '../emulators/hub';
import type { WebhookEvent } from '../harness/webhook-events';
import type { ActionRun } from '../harness/run-action';

const SPACE = 'acme/summarizer';
const TOKEN = 'hf_test_deploy_action_secret';
const SECRET_VALUE = 'sk-very-secret-openai-key';
const PREVIEW_MARKER = '<!-- sumops:preview -->';

let github: GitHubEmulator;
let workspace: string;
beforeAll(async () => {
  github = await startGitHubEmulator();
  workspace = await mkdtemp(join(tmpdir(), 'sumops-e2e-deploy-'));
  await mkdir(join(workspace, 'test/eval'), { recursive: true });
  await cp(
    new URL('../fixtures/github/eval/cases.jsonl', import.meta.url),
    join(workspace, 'test/eval/cases.jsonl'),
  );
});
afterAll(async () => {
  await Promise.all([github.close(), rm(workspace, { recursive: true, force: true })]);
});

const envs: DeployEnv[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
});

async function setup(options: Parameters<typeof startDeployEnv>[1] = {}): Promise<DeployEnv> {
  const env = await startDeployEnv(SPACE, { writeTokens: [TOKEN], ...options });
  envs.push(env);
  return env;
}

/** A real push payload whose head commit carries the subject the Space commit title is taken from. */
function pushToMain(): WebhookEvent {
  const event = pushEvent({ after: 'c0ffee0000000000000000000000000000000042' });
  (event.payload.head_commit as { message: string }).message = 'Tune the summary length\n\nLonger body.';
  return event;
}

function previewPullRequest(number: number, forkRepo?: string): WebhookEvent {
  return pullRequestEvent({
    number,
    headSha: 'feedbeef00000000000000000000000000000001',
    action: 'synchronize',
    ...(forkRepo ? { forkRepo } : {}),
  });
}

function deploy(env: DeployEnv, inputs: Record<string, string> = {}, event: WebhookEvent = pushToMain()) {
  return runAction('deploy-space', {
    cwd: workspace,
    event,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.write,
    inputs: { 'hf-token': TOKEN, space: SPACE, 'hub-url': env.hub.url, path: env.dir, ...inputs },
  });
}

/** What a reader of the log could see: everything except the runner's own mask commands. */
function visible(run: ActionRun): string {
  return everything({
    ...run,
    stdout: run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
  });
}

describe('deploy-space action', () => {
  it('deploys, reports outputs and summary, records the live evaluation, sets masked secrets', async () => {
    const env = await setup();
    const run = await deploy(env, {
      secrets: `OPENAI_API_KEY=${SECRET_VALUE}`,
      variables: 'SUMOPS_MODEL=tiny',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const head = env.hub.commits(SPACE).at(-1);
    expect(run.outputs).toMatchObject({
      'commit-sha': head?.oid,
      'space-id': SPACE,
      'space-url': `${env.hub.url}/spaces/${SPACE}`,
      added: '1',
      updated: '1',
      deleted: '1',
      stage: 'RUNNING',
      'rolled-back': 'false',
      smoke: 'passed',
      'eval-artifact': `eval-${head?.oid}`,
    });
    // The Space commit points back at its source.
    expect(head?.title).toBe('Tune the summary length');
    expect(head?.description).toBe(
      'Source: https://github.com/acme/summaries/commit/c0ffee0000000000000000000000000000000001\n' +
        'Run: https://github.com/acme/summaries/actions/runs/4242',
    );

    expect(run.summary).toContain(
      `[\`${head?.oid.slice(0, 12)}\`](${env.hub.url}/spaces/${SPACE}/commit/${head?.oid})`,
    );
    expect(run.summary).toContain('| Smoke test | passed |');
    expect(run.summary).toContain('- summarize\\_utils.py');
    expect(run.summary).toContain('- old\\_helper.py');
    expect(run.summary).toMatch(/\| rouge1 \| \d+\.\d\d \| \[/);

    const evalPath = run.outputs['eval-path'] ?? '';
    expect(existsSync(evalPath)).toBe(true);
    const record = JSON.parse(await readFile(evalPath, 'utf8')) as {
      provider: { space?: string };
      cases: unknown[];
    };
    expect(record.provider.space).toBe(SPACE);
    expect(record.cases).toHaveLength(3);
    const historyLine = JSON.parse(await readFile(run.outputs['history-record-path'] ?? '', 'utf8')) as {
      kind: string;
      spaceCommit?: string;
      cases: number;
    };
    expect(historyLine).toMatchObject({ kind: 'deploy', spaceCommit: head?.oid, cases: 3 });

    // The Space is public: its app (the smoke test, the evaluation) got no token at all, least of all the write token.
    expect(env.gradio.requests.length).toBeGreaterThan(0);
    expect(env.gradio.requests.filter((r) => r.authorization !== null)).toEqual([]);
    expect(env.hub.secretsOf(SPACE)).toEqual({ OPENAI_API_KEY: SECRET_VALUE });
    expect(env.hub.variablesOf(SPACE)).toEqual({ SUMOPS_MODEL: 'tiny' });
    expect(run.stdout).toContain(`::add-mask::${SECRET_VALUE}`);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(visible(run)).not.toContain(TOKEN);
    expect(visible(run)).not.toContain(SECRET_VALUE);
  }, 60_000);

  it('fails on BUILD_ERROR with the log tail in the summary, after rolling back to the live tree', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, {
      staleReads: 0,
      stages: ['BUILD_ERROR'],
      errorMessage: 'Build failed with exit code: 1',
      buildLog: [
        'Collecting torch==9.9',
        'ERROR: No matching distribution found for torch==9.9',
        '::error::injected by the build log',
      ],
    });
    const run = await deploy(env);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      'rolled-back': 'true',
      stage: 'RUNNING',
      smoke: 'skipped',
      'eval-path': '',
    });
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain(
      `Space ${SPACE} is BUILD_ERROR after the deploy: Build failed with exit code: 1.`,
    );
    expect(error).toContain(`Rolled back to ${env.liveCommit}`);
    expect(run.summary).toContain(
      '<pre>Collecting torch==9.9\nERROR: No matching distribution found for torch==9.9\n::error::injected by the build log</pre>',
    );
    // In the job log too, but never as a workflow command.
    expect(run.stdout).toContain('| ERROR: No matching distribution found for torch==9.9');
    expect(run.annotations.filter((a) => a.message.includes('injected'))).toEqual([]);
    expect(run.summary).toContain('**Rolled back**');
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LIVE_FILES);
    expect(visible(run)).not.toContain(TOKEN);
  }, 60_000);

  it('a re-run after a failed rollback fails on the broken Space; with the score history it rolls back to the last good deploy', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['RUNTIME_ERROR'], errorMessage: 'crashed' });
    // The deploy's commit lands; the rollback's commit does not (the Hub is down for it).
    let commits = 0;
    env.hub.onCommit(() => (commits += 1));
    const down = {
      name: 'commit-down',
      method: 'POST',
      pattern: /\/commit\//,
      handle: () => hubError(503, 'Service Unavailable'),
    };
    env.hub.onCommit(() => {
      if (commits === 1) env.hub.routes.unshift(down);
    });
    const first = await deploy(env);
    expect(first.exitCode).toBe(1);
    expect(first.annotations.find((a) => a.level === 'error')?.message).toContain('ROLLBACK FAILED');
    env.hub.routes.splice(env.hub.routes.indexOf(down), 1);
    const broken = env.hub.repos.head(SPACE);

    const rerun = await deploy(env);
    expect(rerun.exitCode).toBe(1);
    expect(rerun.outputs).toMatchObject({ 'commit-sha': '', stage: 'RUNTIME_ERROR', 'rolled-back': 'false' });
    expect(rerun.annotations.find((a) => a.level === 'error')?.message).toBe(
      `Space ${SPACE} is RUNTIME_ERROR after the deploy: crashed. This run changed nothing, and the score history ` +
        '(history-path) names no earlier good deploy to roll back to: fix the Space or push a fix. ' +
        'The log tail is in the job summary; fix the app or its requirements and push again.',
    );
    expect(env.hub.repos.head(SPACE)).toBe(broken);

    const history = join(workspace, 'history.jsonl');
    const record = (spaceCommit: string, space: string) =>
      JSON.stringify({
        version: 1,
        kind: 'deploy',
        date: '2026-11-01T00:00:00.000Z',
        gitSha: 'c0ffee',
        spaceCommit,
        model: 'm',
        provider: 'space',
        space,
        fixtureSet: 'sha256:f',
        cases: 3,
        aggregate: {},
      });
    // The last deploy of THIS Space counts, not a later one of another Space.
    await writeFile(history, `${record(env.liveCommit, SPACE)}\n${record('e'.repeat(40), 'acme/other')}\n`);
    const withHistory = await deploy(env, { 'history-path': history });
    expect(withHistory.exitCode).toBe(1);
    expect(withHistory.outputs).toMatchObject({ 'rolled-back': 'true', stage: 'RUNNING' });
    expect(withHistory.annotations.find((a) => a.level === 'error')?.message).toContain(
      `Rolled back to ${env.liveCommit}`,
    );
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LIVE_FILES);
  }, 90_000);

  it('refuses a path that is a symbolic link before any Hub request, in one line naming the input', async () => {
    const env = await setup();
    const linked = join(workspace, 'linked-space');
    await symlink(env.dir, linked);
    const run = await deploy(env, { path: linked });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      `${linked} is a symbolic link to ${JSON.stringify(env.dir)}; the folder to deploy must be the folder ` +
        'itself, not a link to one. Set the path input to the folder itself.',
    ]);
    expect(env.hub.requests).toEqual([]);
  });

  it('names the input to fix when the token may not write', async () => {
    const env = await setup({
      hub: { tokenSpecs: { hf_read_only_token_x: { user: 'acme', role: 'read' } } },
    });
    const run = await deploy(env, { 'hf-token': 'hf_read_only_token_x' });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain('cannot write to Space acme/summarizer');
    expect(error).toContain('HF_TOKEN secret');
    expect(visible(run)).not.toContain('hf_read_only_token_x');
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LIVE_FILES);
  });
});

describe('PR preview Spaces', () => {
  const PREVIEW = 'acme/summarizer-pr-7';

  it('creates the preview, links it in the sticky comment, and deletes it when the PR closes', async () => {
    const env = await setup({ writeTokens: [TOKEN] });
    github.seedPull('acme', 'summaries', { number: 7, headSha: 'feedbeef00000000000000000000000000000001' });
    const run = await deploy(env, { 'preview-pr': '7' }, previewPullRequest(7));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      'space-id': PREVIEW,
      stage: 'RUNNING',
      smoke: 'passed',
      'eval-path': '',
    });
    expect(env.hub.hasRepo(PREVIEW)).toBe(true);
    // Tagged as this repository's preview of PR 7, the mark every later sync, delete and sweep checks.
    expect(env.hub.variablesOf(PREVIEW)).toEqual({ SUMOPS_PREVIEW: 'acme/summaries#7' });
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(PREVIEW);
    expect(files).toEqual(LOCAL_FILES);
    // Production is untouched.
    const { '.gitattributes': _b, ...live } = env.hub.filesAt(SPACE);
    expect(live).toEqual(LIVE_FILES);

    const comments = github.comments('acme', 'summaries', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(PREVIEW_MARKER);
    expect(comments[0]?.body).toContain(`(${env.hub.url}/spaces/${PREVIEW})`);

    const closed = await runAction('space-preview', {
      cwd: workspace,
      event: pullRequestEvent({
        number: 7,
        headSha: 'feedbeef00000000000000000000000000000001',
        action: 'closed',
      }),
      apiUrl: github.url,
      githubToken: TEST_TOKENS.write,
      inputs: {
        command: 'delete',
        'hf-token': TOKEN,
        space: SPACE,
        'hub-url': env.hub.url,
        'pr-number': '7',
      },
    });
    expect(closed.exitCode, closed.stdout).toBe(0);
    expect(closed.outputs.deleted).toBe(PREVIEW);
    expect(env.hub.hasRepo(PREVIEW)).toBe(false);
    expect(env.hub.hasRepo(SPACE)).toBe(true);
    const after = github.comments('acme', 'summaries', 7);
    expect(after).toHaveLength(1);
    expect(after[0]?.body).toContain('was deleted when this PR closed');
    expect(visible(run) + visible(closed)).not.toContain(TOKEN);
  }, 60_000);

  it('never writes to or deletes a Space that only has a preview name (no tag of this repository)', async () => {
    const env = await setup();
    const foreign = 'acme/summarizer-pr-9';
    env.hub.addSpace({ id: foreign, host: env.gradio.url });
    env.hub.repos.ensure(foreign, { private: false });
    env.hub.repos.seed(foreign, [{ path: 'app.py', content: 'someone else’s app\n' }]);
    env.hub.repos.setVariable(foreign, 'SUMOPS_PREVIEW', 'other/repo#9');
    const before = env.hub.commits(foreign).length;

    const run = await deploy(env, { 'preview-pr': '9' }, previewPullRequest(9));
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^Space acme\/summarizer-pr-9 exists but its variable SUMOPS_PREVIEW is "other\/repo#9", not "acme\/summaries#9": it is not this deploy's to write to or delete\./,
    );
    expect(env.hub.commits(foreign)).toHaveLength(before);
    expect(env.hub.filesAt(foreign)['app.py']).toBe('someone else’s app\n');

    const closed = await runAction('space-preview', {
      cwd: workspace,
      event: pullRequestEvent({
        number: 9,
        headSha: 'feedbeef00000000000000000000000000000001',
        action: 'closed',
      }),
      apiUrl: github.url,
      githubToken: TEST_TOKENS.write,
      inputs: {
        command: 'delete',
        'hf-token': TOKEN,
        space: SPACE,
        'hub-url': env.hub.url,
        'pr-number': '9',
      },
    });
    expect(closed.exitCode).toBe(0);
    expect(closed.annotations.find((a) => a.level === 'warning')?.message).toContain(
      'Not deleting acme/summarizer-pr-9: Space acme/summarizer-pr-9 exists but its variable SUMOPS_PREVIEW',
    );
    expect(closed.outputs.deleted).toBe('');
    expect(env.hub.hasRepo(foreign)).toBe(true);
  });

  it('gives fork PRs a notice and no preview', async () => {
    const env = await setup();
    const run = await deploy(env, { 'preview-pr': '8' }, previewPullRequest(8, 'stranger/summaries'));
    expect(run.exitCode).toBe(0);
    expect(run.annotations.find((a) => a.level === 'notice')?.message).toContain('comes from a fork');
    expect(env.hub.hasRepo('acme/summarizer-pr-8')).toBe(false);
    expect(env.hub.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('sweeps previews older than N days whose PR is closed, and only those', async () => {
    const env = await setup();
    for (const n of [3, 4, 5]) {
      const id = `acme/summarizer-pr-${n}`;
      env.hub.addSpace({ id, host: env.gradio.url });
      env.hub.repos.ensure(id, { private: false });
      env.hub.repos.setVariable(id, 'SUMOPS_PREVIEW', `acme/summaries#${n}`);
    }
    // Named and aged like a preview of closed PR 5's sibling, but not tagged by this repository: kept.
    env.hub.addSpace({ id: 'acme/summarizer-pr-8', host: env.gradio.url });
    env.hub.repos.ensure('acme/summarizer-pr-8', { private: false });
    env.hub.repos.setLastModified('acme/summarizer-pr-8', '2026-01-01T00:00:00.000Z');
    github.seedPull('acme', 'summaries', { number: 8, headSha: 'd'.repeat(40), state: 'closed' });
    env.hub.addSpace({ id: 'acme/summarizer-pr-6-notes', host: env.gradio.url });
    env.hub.repos.ensure('acme/summarizer-pr-6-notes', { private: false });
    env.hub.repos.setLastModified('acme/summarizer-pr-3', '2026-01-01T00:00:00.000Z');
    env.hub.repos.setLastModified('acme/summarizer-pr-4', '2026-01-01T00:00:00.000Z');
    env.hub.repos.setLastModified('acme/summarizer-pr-5', new Date().toISOString());
    env.hub.repos.setLastModified('acme/summarizer-pr-6-notes', '2026-01-01T00:00:00.000Z');
    github.seedPull('acme', 'summaries', { number: 3, headSha: 'a'.repeat(40), state: 'closed' });
    github.seedPull('acme', 'summaries', { number: 4, headSha: 'b'.repeat(40), state: 'open' });
    github.seedPull('acme', 'summaries', { number: 5, headSha: 'c'.repeat(40), state: 'closed' });

    const run = await runAction('space-preview', {
      cwd: workspace,
      event: { name: 'schedule', payload: {} },
      apiUrl: github.url,
      githubToken: TEST_TOKENS.write,
      inputs: {
        command: 'sweep',
        'hf-token': TOKEN,
        space: SPACE,
        'hub-url': env.hub.url,
        'max-age-days': '7',
      },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.deleted).toBe('acme/summarizer-pr-3');
    expect(env.hub.hasRepo('acme/summarizer-pr-3')).toBe(false);
    expect(env.hub.hasRepo('acme/summarizer-pr-4')).toBe(true);
    expect(env.hub.hasRepo('acme/summarizer-pr-5')).toBe(true);
    expect(env.hub.hasRepo('acme/summarizer-pr-6-notes')).toBe(true); // not a preview name
    expect(env.hub.hasRepo('acme/summarizer-pr-8')).toBe(true); // not tagged as ours
    expect(run.summary).toContain("kept acme/summarizer-pr-8: not tagged as this repository's preview");
    expect(env.hub.hasRepo(SPACE)).toBe(true);
    expect(run.summary).toMatch(/- kept acme\/summarizer-pr-4: PR .*4 is open/);
  });
});
