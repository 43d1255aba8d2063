/**
 * What a deploy proves besides its own commit, against the Hub emulator with the deploy runtime and a Gradio
 * emulator as the Space's app: a run that changes nothing still checks the Space runs the head, RUNNING, and
 * answers (a re-run after a failed rollback must not turn green on a broken Space); settings changes are waited
 * for, verified and rolled back; a rollback never overwrites someone else's commits; the app never sees the write
 * token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deploySpace } from '#lib/deploy/deploy-space';
import type { DeploySpaceOptions } from '#lib/deploy/deploy-space';
import { hubError } from '../emulators/hub';
import type { HubRequest } from '../emulators/hub';
import { LIVE_FILES, startDeployEnv } from '../harness/deploy-env';
import type { DeployEnv } from '../harness/deploy-env';
import { fakeClock, recordingLogger } from '../harness/fakes';

const SPACE = 'acme/summarizer';
const TOKEN = 'hf_test_reruns_write_token';

const envs: DeployEnv[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
});

async function setup(options: Parameters<typeof startDeployEnv>[1] = {}): Promise<DeployEnv> {
  const env = await startDeployEnv(SPACE, { writeTokens: [TOKEN], ...options });
  envs.push(env);
  return env;
}

function deploy(env: DeployEnv, extra: Partial<DeploySpaceOptions> = {}) {
  return deploySpace({
    access: { hubUrl: env.hub.url, accessToken: TOKEN },
    spaceId: SPACE,
    dir: env.dir,
    create: false,
    private: false,
    dryRun: false,
    title: 'Deploy',
    wait: true,
    smoke: true,
    rollback: true,
    pollMs: 10,
    waitTimeoutMs: 60_000,
    clock: fakeClock(),
    logger: recordingLogger(),
    ...extra,
  });
}

/** Commits after the first one the Hub accepts answer 503: the rollback's commit never lands. */
function failCommitsAfterTheFirst(env: DeployEnv): { restore(): void } {
  let accepted = 0;
  env.hub.onCommit(() => {
    accepted += 1;
  });
  const route = {
    name: 'commit-down',
    method: 'POST',
    pattern: /^\/api\/spaces\/[^/]+\/[^/]+\/commit\//,
    handle: (request: HubRequest) => {
      if (accepted === 0) return fallThrough(env, route, request);
      return hubError(503, 'Service Unavailable');
    },
  };
  env.hub.routes.unshift(route);
  return {
    restore: () => {
      env.hub.routes.splice(env.hub.routes.indexOf(route), 1);
    },
  };
}

/** Answers as the emulator would without `route`. */
function fallThrough(env: DeployEnv, route: object, request: HubRequest) {
  const next = env.hub.routes.find(
    (candidate) =>
      candidate !== route && candidate.method === request.method && candidate.pattern.test(request.path),
  );
  if (!next) throw new Error('no route behind the override');
  return next.handle({ ...request, params: next.pattern.exec(request.path)?.slice(1) ?? [] });
}

describe('a deploy that changes nothing still proves the Space works', () => {
  it('the re-run after a failed rollback fails instead of reporting "unchanged" on a broken Space', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, {
      staleReads: 0,
      stages: ['BUILDING', 'RUNTIME_ERROR'],
      errorMessage: 'boom',
    });
    const down = failCommitsAfterTheFirst(env);
    const first = await deploy(env);
    expect(first.outcome).toBe('failed');
    expect(first.rollback?.error).toMatch(/HTTP 503/);
    const broken = env.hub.repos.head(SPACE);
    expect(broken).toBe(first.sync.commit);
    down.restore();

    // The re-run: the folder equals the (broken) Space, so the sync has nothing to commit.
    const rerun = await deploy(env);
    expect(rerun.sync.commit).toBeNull();
    expect(rerun.outcome).toBe('failed');
    expect(rerun.stage).toBe('RUNTIME_ERROR');
    expect(rerun.failure?.error.message).toBe(`Space ${SPACE} is RUNTIME_ERROR after the deploy: boom`);
    expect(rerun.smoke).toBe('skipped');
    expect(rerun.rollback).toBeUndefined();
    expect(env.hub.repos.head(SPACE)).toBe(broken);
  });

  it('with the last good commit from the score history, the re-run rolls the broken Space back to it', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['RUNTIME_ERROR'] });
    const down = failCommitsAfterTheFirst(env);
    const first = await deploy(env);
    expect(first.outcome).toBe('failed');
    down.restore();

    const rerun = await deploy(env, { lastGoodCommit: env.liveCommit });
    expect(rerun.outcome).toBe('failed');
    expect(rerun.rolledBack).toBe(true);
    expect(rerun.rollback).toMatchObject({ to: env.liveCommit, stage: 'RUNNING' });
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LIVE_FILES);
    // On top of the broken commit, never over anything else.
    const rollbackCommit = env.hub.commits(SPACE).at(-1);
    expect(rollbackCommit?.parent).toBe(first.sync.commit);
  });

  it('a healthy unchanged Space passes: RUNNING at the head and a smoke test', async () => {
    const env = await setup();
    expect((await deploy(env)).outcome).toBe('deployed');
    const jobs = env.gradio.jobs.length;
    const again = await deploy(env);
    expect(again).toMatchObject({ outcome: 'unchanged', stage: 'RUNNING', smoke: 'passed' });
    expect(again.spaceCommit).toBe(env.hub.repos.head(SPACE));
    expect(env.gradio.jobs.length).toBe(jobs + 1);
  });
});

describe('settings are part of the deploy', () => {
  it('a variable-only change restarts, is verified, and on failure the old value comes back', async () => {
    const env = await setup({ local: LIVE_FILES });
    env.hub.repos.setVariable(SPACE, 'SUMOPS_MODEL', 'good-model');
    // The restart with the new variable ends in RUNTIME_ERROR; the one after the rollback comes up.
    const restart = env.hub.routes.find((route) => route.name === 'restart');
    if (!restart) throw new Error('no restart route');
    const base = restart.handle.bind(restart);
    let restarts = 0;
    restart.handle = async (request) => {
      const answer = await base(request);
      restarts += 1;
      const space = env.hub.spaces.get(SPACE);
      if (space) space.then = restarts === 1 ? ['RUNTIME_ERROR'] : ['APP_STARTING', 'RUNNING'];
      return answer;
    };

    const report = await deploy(env, { variables: [{ key: 'SUMOPS_MODEL', value: 'broken-model' }] });
    expect(report.sync.commit).toBeNull();
    expect(report.settingsChanged).toEqual({ variables: ['SUMOPS_MODEL'], secrets: [] });
    expect(report.outcome).toBe('failed');
    expect(report.failure?.kind).toBe('build');
    expect(report.rollback).toMatchObject({ to: null, variables: ['SUMOPS_MODEL'], stage: 'RUNNING' });
    expect(env.hub.variablesOf(SPACE)).toEqual({ SUMOPS_MODEL: 'good-model' });
    expect(restarts).toBe(2);
  });

  it('a failed file deploy puts back the tree and the variables; secrets are said to keep their new values', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['BUILD_ERROR'] });
    const report = await deploy(env, {
      variables: [{ key: 'NEW_FLAG', value: 'on' }],
      secrets: [{ key: 'OPENAI_API_KEY', value: 'sk-new' }],
    });
    expect(report.outcome).toBe('failed');
    expect(report.rollback).toMatchObject({
      to: env.liveCommit,
      variables: ['NEW_FLAG'],
      secretsKept: ['OPENAI_API_KEY'],
      stage: 'RUNNING',
    });
    expect(env.hub.variablesOf(SPACE)).toEqual({});
    const { '.gitattributes': _a, ...files } = env.hub.filesAt(SPACE);
    expect(files).toEqual(LIVE_FILES);
  });

  it('an unchanged variable is not set again (no restart, no rollback material)', async () => {
    const env = await setup({ local: LIVE_FILES });
    env.hub.repos.setVariable(SPACE, 'SUMOPS_MODEL', 'same');
    const report = await deploy(env, { variables: [{ key: 'SUMOPS_MODEL', value: 'same' }] });
    expect(report).toMatchObject({ outcome: 'unchanged', smoke: 'passed' });
    expect(env.hub.requests.filter((r) => r.route === 'variables' && r.method === 'POST')).toEqual([]);
    expect(env.hub.requestsTo('restart')).toEqual([]);
  });
});

describe('rollback', () => {
  it('never overwrites a commit someone made after the failed deploy', async () => {
    const env = await setup();
    env.runtime.scriptDeploy(SPACE, { staleReads: 0, stages: ['BUILD_ERROR'] });
    let hotfix = '';
    let seeded = false;
    env.hub.onCommit((id) => {
      if (seeded || id !== SPACE) return;
      seeded = true;
      hotfix = env.hub.seed(SPACE, [{ path: 'hotfix.txt', content: 'by hand' }]);
    });
    const report = await deploy(env);
    expect(report.outcome).toBe('failed');
    expect(report.rollback?.error).toBe(
      `Space ${SPACE} has commits after ${report.sync.commit?.slice(0, 12)} (its head is ${hotfix.slice(0, 12)}): not rolling back over them`,
    );
    expect(env.hub.repos.head(SPACE)).toBe(hotfix);
    expect(env.hub.filesAt(SPACE)['hotfix.txt']).toBe('by hand');
  });
});

describe("the Space's app never sees the write token", () => {
  it('a public Space gets no token at all from the smoke test', async () => {
    const env = await setup();
    const report = await deploy(env, { appToken: 'hf_test_reruns_read_token' });
    expect(report.smoke).toBe('passed');
    expect(env.gradio.requests.length).toBeGreaterThan(0);
    expect(env.gradio.requests.map((r) => r.authorization)).toEqual(env.gradio.requests.map(() => null));
  });

  it('a private Space gets the read token, and without one the deploy is refused before any write', async () => {
    const READ = 'hf_test_reruns_read_token';
    const env = await setup({ hub: { tokenSpecs: { [READ]: { user: 'acme', role: 'read' } } } });
    const space = env.hub.spaces.get(SPACE);
    if (space) space.private = true;
    const refused = await deploy(env).catch((error: unknown) => error);
    expect((refused as Error).message).toBe(
      `Space ${SPACE} is private, so the smoke test and the evaluation need a read token for its app (the write token is never sent to a Space app)`,
    );
    expect(env.hub.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const report = await deploy(env, { appToken: READ });
    expect(report.smoke).toBe('passed');
    const seen = new Set(env.gradio.requests.map((r) => r.authorization));
    expect(seen).toEqual(new Set([`Bearer ${READ}`]));
  });
});
