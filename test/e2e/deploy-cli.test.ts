import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';
import { everything, LIVE_FILES, LOCAL_FILES, startDeployEnv } from '../harness/deploy-env';
import type { DeployEnv } from '../harness/deploy-env';

const SPACE = 'acme/summarizer';
const TOKEN = 'hf_test_deploy_cli_secret_value';
const READ_TOKEN = 'hf_test_deploy_cli_read_token';

const envs: DeployEnv[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
});

async function setup(options: Parameters<typeof startDeployEnv>[1] = {}): Promise<DeployEnv> {
  const env = await startDeployEnv(SPACE, { writeTokens: [TOKEN], ...options });
  envs.push(env);
  return env;
}

function deploy(env: DeployEnv, args: string[], token: string | null = TOKEN) {
  return runCli(['deploy', env.dir, '--space', SPACE, '--hub-url', env.hub.url, ...args], {
    ...(token === null ? { unsetEnv: ['HF_TOKEN'] } : { env: { HF_TOKEN: token } }),
  });
}

const JSON_KEYS = [
  'space',
  'dryRun',
  'commit',
  'parentCommit',
  'added',
  'updated',
  'deleted',
  'unchanged',
  'stage',
  'smoke',
  'rolledBack',
  'url',
];

describe('sumops deploy', () => {
  it('deploys only what changed, waits for RUNNING, smoke-tests, and prints the documented JSON', async () => {
    const env = await setup();
    const run = await deploy(env, ['--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(JSON_KEYS);
    const head = env.hub.commits(SPACE).at(-1)?.oid;
    expect(result).toEqual({
      space: SPACE,
      dryRun: false,
      commit: head,
      parentCommit: env.liveCommit,
      added: ['summarize_utils.py'],
      updated: ['app.py'],
      deleted: ['old_helper.py'],
      unchanged: 2, // README.md, requirements.txt (.gitattributes is never counted as ours)
      stage: 'RUNNING',
      smoke: 'passed',
      rolledBack: false,
      url: `${env.hub.url}/spaces/${SPACE}`,
    });
    const { '.gitattributes': _attributes, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LOCAL_FILES);
    expect(env.gradio.jobs.length).toBe(1);
    expect(everything(run)).not.toContain(TOKEN);

    // Again: nothing to do, no commit, still exit 0: the sync's 4 Hub requests (token, Space, head, tree), then the
    // proof that the Space runs the head and answers (one runtime read; the smoke test's host lookup and call).
    env.hub.resetLog();
    const jobsBefore = env.gradio.jobs.length;
    const again = await deploy(env, ['--json']);
    expect(env.hub.requests.map((r) => r.route)).toEqual([
      'whoami',
      'space-info',
      'space-info',
      'tree',
      'runtime',
      'space-info',
    ]);
    expect(env.hub.requestsTo('commit')).toEqual([]);
    expect(env.gradio.jobs.length).toBe(jobsBefore + 1);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      commit: null,
      added: [],
      updated: [],
      deleted: [],
      unchanged: 4,
      stage: 'RUNNING',
      smoke: 'passed',
    });
    expect(env.hub.commits(SPACE).at(-1)?.oid).toBe(head);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const env = await setup();
    const commitsBefore = env.hub.commits(SPACE).length;
    const run = await deploy(env, ['--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`plan for ${SPACE}: 1 added, 1 updated, 1 deleted, 2 unchanged`);
    expect(run.stdout).toContain('  + summarize_utils.py');
    expect(run.stdout).toContain('  ~ app.py');
    expect(run.stdout).toContain('  - old_helper.py');
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(env.hub.commits(SPACE).length).toBe(commitsBefore);
    expect(env.hub.requests.filter((r) => r.method !== 'GET' && r.route !== 'preupload')).toEqual([]);

    const json = await deploy(env, ['--dry-run', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      dryRun: true,
      commit: null,
      stage: null,
      smoke: 'skipped',
    });
  });

  it('on BUILD_ERROR prints the stage, errorMessage and the last 40 log lines, rolls back and exits 1', async () => {
    const env = await setup();
    const buildLog = Array.from({ length: 60 }, (_, i) => `build step ${i + 1}`);
    env.runtime.scriptDeploy(SPACE, {
      staleReads: 0,
      stages: ['BUILD_ERROR'],
      errorMessage: 'Build failed with exit code: 1',
      buildLog,
    });
    const run = await deploy(env, ['--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Space ${SPACE} is BUILD_ERROR after the deploy: Build failed with exit code: 1`,
    );
    expect(run.stderr).toContain('last 40 lines of the build log:');
    expect(run.stderr).toContain('  | build step 21\n');
    expect(run.stderr).toContain('  | build step 60\n');
    expect(run.stderr).not.toContain('build step 20\n');
    expect(run.stderr).toContain(`ROLLED BACK to ${env.liveCommit}`);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ rolledBack: true, smoke: 'skipped', stage: 'RUNNING' });

    // Three commits of ours: none before, the broken deploy, then the rollback with the live tree again.
    const commits = env.hub.commits(SPACE);
    expect(commits.at(-2)?.oid).toBe(result.commit);
    expect(commits.at(-1)?.title).toMatch(/^Roll back to /);
    const { '.gitattributes': _a, ...restored } = env.hub.filesAt(SPACE);
    expect(restored).toEqual(LIVE_FILES);
    expect(env.gradio.jobs.length).toBe(0);
    expect(everything(run)).not.toContain(TOKEN);
  });

  it('rolls back when the smoke test fails, and keeps the failing commit with --no-rollback', async () => {
    const env = await setup({
      gradio: { failures: 100, failureKind: 'app-error', failureMessage: 'model not loaded' },
    });
    const run = await deploy(env, ['--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`smoke test of Space ${SPACE} failed`);
    expect(run.stderr).toContain('model not loaded');
    expect(JSON.parse(run.stdout)).toMatchObject({ smoke: 'failed', rolledBack: true });
    const { '.gitattributes': _a, ...restored } = env.hub.filesAt(SPACE);
    expect(restored).toEqual(LIVE_FILES);

    const env2 = await setup({ gradio: { failures: 100, failureKind: 'app-error' } });
    const kept = await deploy(env2, ['--json', '--no-rollback']);
    expect(kept.code).toBe(1);
    expect(JSON.parse(kept.stdout)).toMatchObject({ smoke: 'failed', rolledBack: false });
    expect(kept.stderr).toContain('not rolled back (--no-rollback)');
    const { '.gitattributes': _b, ...live } = env2.hub.filesAt(SPACE);
    expect(live).toEqual(LOCAL_FILES);
  });

  it('waits through a realistic build (stale RUNNING, BUILDING, APP_STARTING) before the smoke test', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 1, stages: ['BUILDING', 'RUNNING'] });
    const run = await deploy(env, ['--json', '--debug']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ stage: 'RUNNING', smoke: 'passed' });
    expect(run.stderr).toContain('RUNNING (previous build)');
    expect(run.stderr).toContain('is BUILDING');
  }, 30_000);

  it('says loudly when the rollback itself does not come back up', async () => {
    const env = await setup();
    for (let i = 0; i < 2; i++) {
      env.runtime.scriptDeploy(SPACE, {
        staleReads: 0,
        stages: ['RUNTIME_ERROR'],
        runLog: ['CUDA out of memory'],
      });
    }
    const run = await deploy(env, ['--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('last 1 lines of the run log:\n  | CUDA out of memory');
    expect(run.stderr).toContain('ROLLBACK FAILED');
    expect(JSON.parse(run.stdout)).toMatchObject({ rolledBack: true, stage: 'RUNTIME_ERROR' });
    const { '.gitattributes': _a, ...restored } = env.hub.filesAt(SPACE);
    expect(restored).toEqual(LIVE_FILES);
  });

  it('creates a missing Space with --create and deploys into it', async () => {
    const env = await setup({
      seed: false,
      hub: { tokenSpecs: { [READ_TOKEN]: { user: 'acme', role: 'read' } } },
    });
    const refused = await deploy(env, []);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--create');
    expect(env.hub.hasRepo(SPACE)).toBe(false);

    // A private Space's app needs a token, and the write token is never sent to it: HF_READ_TOKEN or nothing.
    const noReadToken = await deploy(env, ['--create', '--private', '--json']);
    expect(noReadToken.code).toBe(2);
    expect(noReadToken.stderr).toContain(
      `Space ${SPACE} is private, so the smoke test and the evaluation need a read token`,
    );
    expect(noReadToken.stderr).toContain('HF_READ_TOKEN');
    expect(env.hub.hasRepo(SPACE)).toBe(false);

    const run = await runCli(
      ['deploy', env.dir, '--space', SPACE, '--hub-url', env.hub.url, '--create', '--private', '--json'],
      {
        env: { HF_TOKEN: TOKEN, HF_READ_TOKEN: READ_TOKEN },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const appAuth = new Set(env.gradio.requests.map((request) => request.authorization));
    expect(appAuth).toEqual(new Set([`Bearer ${READ_TOKEN}`]));
    expect(everything(run)).not.toContain(READ_TOKEN);
    expect(env.hub.createRequest(SPACE)).toMatchObject({ sdk: 'gradio', visibility: 'private' });
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LOCAL_FILES);
    expect(JSON.parse(run.stdout)).toMatchObject({ stage: 'RUNNING', smoke: 'passed', rolledBack: false });
  });

  it('rolls back a build that outlasts --wait-timeout; --no-wait returns right after the commit', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['BUILDING'] });
    const run = await deploy(env, ['--json', '--wait-timeout', '1000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Space ${SPACE} was still BUILDING`);
    expect(run.stderr).toContain('hint: raise --wait-timeout');
    expect(JSON.parse(run.stdout)).toMatchObject({ rolledBack: true, stage: 'RUNNING' });
    const { '.gitattributes': _a, ...restored } = env.hub.filesAt(SPACE);
    expect(restored).toEqual(LIVE_FILES);

    const env2 = await setup();
    env2.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['BUILDING'] });
    const quick = await deploy(env2, ['--json', '--no-wait']);
    expect(quick.code, quick.stderr).toBe(0);
    expect(JSON.parse(quick.stdout)).toMatchObject({
      stage: 'BUILDING',
      smoke: 'skipped',
      rolledBack: false,
    });
    expect(env2.gradio.jobs.length).toBe(0);
  });

  it('exits 2 without a token, with a bad one, and with bad flags; never prints the token', async () => {
    const env = await setup({ hub: { tokens: [] } });
    const missing = await deploy(env, [], null);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('export HF_TOKEN=');

    const rejected = await deploy(env, ['--json'], 'hf_revoked_token_value_123');
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr).toMatch(/rejected the Hugging Face token \(HTTP 401/);
    expect(everything(rejected)).not.toContain('hf_revoked_token_value_123');

    const malformed = await deploy(env, [], 'not-a-hub-token-value');
    expect(malformed.code).toBe(2);
    expect(everything(malformed)).not.toContain('not-a-hub-token-value');

    const dryWithout = await deploy(env, ['--dry-run'], null);
    expect(dryWithout.code).toBe(2);
    expect(dryWithout.stderr).toContain('no Hugging Face token was given');

    const noSpace = await runCli(['deploy', env.dir], { env: { HF_TOKEN: TOKEN } });
    expect(noSpace.code).toBe(2);
    expect(noSpace.stderr).toContain('--space OWNER/NAME is required');
    expect(env.hub.commits(SPACE).length).toBe(2); // initial + seed: nothing written
  });
});
