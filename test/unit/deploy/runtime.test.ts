import { afterEach, describe, expect, it } from 'vitest';
import { SpaceDeployStageError, SpaceDeployTimeoutError, waitForDeployedRuntime } from '#lib/deploy/runtime';
import { readLogTail } from '#lib/deploy/space-logs';
import { startHubEmulator } from '../../emulators/hub';
import type { EmulatedSpace, HubEmulator } from '../../emulators/hub';
import { attachDeployRuntime } from '../../emulators/hub-runtime';
import type { DeployRuntime, DeployRuntimeOptions } from '../../emulators/hub-runtime';
import { fakeClock, recordingLogger, TEST_HF_TOKEN } from '../../harness/fakes';

const SPACE = 'acme/summarizer';
const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type TestHub = HubEmulator & DeployRuntime;

async function hub(
  space: Partial<EmulatedSpace> = {},
  runtime: DeployRuntimeOptions & { buildLog?: string[]; runLog?: string[] } = {},
): Promise<TestHub> {
  const emulator = await startHubEmulator({
    spaces: [{ id: SPACE, host: 'http://127.0.0.1:9', stage: 'RUNNING', ...space }],
  });
  cleanups.push(() => emulator.close());
  const deploys = attachDeployRuntime(emulator, runtime);
  deploys.setLogs(SPACE, {
    ...(runtime.buildLog ? { build: runtime.buildLog } : {}),
    ...(runtime.runLog ? { run: runtime.runLog } : {}),
  });
  const state = emulator.spaces.get(SPACE);
  if (state && runtime.reportsSha !== false) state.runtimeSha = OLD;
  return Object.assign(emulator, deploys);
}

function waitOptions(emulator: HubEmulator, extra: { timeoutMs?: number; staleGraceMs?: number } = {}) {
  const clock = fakeClock();
  const logger = recordingLogger();
  return {
    clock,
    logger,
    options: {
      access: { hubUrl: emulator.url, accessToken: TEST_HF_TOKEN },
      spaceId: SPACE,
      commit: NEW,
      clock,
      logger,
      pollMs: 1_000,
      logTail: { idleMs: 200, maxMs: 5_000 },
      ...extra,
    },
  };
}

const runtimeReads = (emulator: HubEmulator) =>
  emulator.requests.filter((request) => request.path === `/api/spaces/${SPACE}/runtime`).length;

describe('waitForDeployedRuntime', () => {
  it('does not take the previous build’s RUNNING for the new one: waits until sha names the commit', async () => {
    const emulator = await hub();
    emulator.commitLanded(SPACE, NEW);
    const { options } = waitOptions(emulator);
    const runtime = await waitForDeployedRuntime(options);
    expect(runtime).toMatchObject({ stage: 'RUNNING', sha: NEW });
    // stale RUNNING, BUILDING, APP_STARTING, RUNNING
    expect(runtime.polls).toBe(4);
    expect(runtimeReads(emulator)).toBe(4);
  });

  it('without a runtime sha, counts a stage change as the new build starting', async () => {
    const emulator = await hub({}, { reportsSha: false });
    emulator.commitLanded(SPACE, NEW);
    const { options, clock } = waitOptions(emulator);
    const runtime = await waitForDeployedRuntime(options);
    expect(runtime.stage).toBe('RUNNING');
    expect(runtime.sha).toBeUndefined();
    expect(runtime.polls).toBe(4);
    expect(clock.now() - 1_000_000).toBe(3_000);
  });

  it('without a sha and without any movement, trusts RUNNING only after the grace period', async () => {
    const emulator = await hub({}, { reportsSha: false });
    emulator.scriptDeploy(SPACE, { staleReads: 1000, stages: ['RUNNING'] });
    emulator.commitLanded(SPACE, NEW);
    const { options, clock } = waitOptions(emulator, { staleGraceMs: 10_000 });
    const runtime = await waitForDeployedRuntime(options);
    expect(runtime.stage).toBe('RUNNING');
    expect(clock.now() - 1_000_000).toBe(10_000);
  });

  it('ignores a BUILD_ERROR left by an earlier deploy and waits for this one', async () => {
    const emulator = await hub({ stage: 'BUILD_ERROR', errorMessage: 'old failure' });
    emulator.commitLanded(SPACE, NEW);
    const { options } = waitOptions(emulator);
    await expect(waitForDeployedRuntime(options)).resolves.toMatchObject({ stage: 'RUNNING', sha: NEW });
  });

  it('fails on BUILD_ERROR with errorMessage and the last 40 lines of the build log', async () => {
    const emulator = await hub();
    const buildLog = Array.from({ length: 100 }, (_, i) => `step ${i + 1}`);
    emulator.scriptDeploy(SPACE, {
      stages: ['BUILDING', 'BUILD_ERROR'],
      errorMessage: 'Build failed with exit code: 1',
      buildLog,
    });
    emulator.commitLanded(SPACE, NEW);
    const { options } = waitOptions(emulator);
    const error = await waitForDeployedRuntime(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpaceDeployStageError);
    const stageError = error as SpaceDeployStageError;
    expect(stageError.stage).toBe('BUILD_ERROR');
    expect(stageError.errorMessage).toBe('Build failed with exit code: 1');
    expect(stageError.message).toBe(
      `Space ${SPACE} is BUILD_ERROR after the deploy: Build failed with exit code: 1`,
    );
    expect(stageError.log?.kind).toBe('build');
    expect(stageError.log?.lines).toEqual(buildLog.slice(60));
    expect(stageError.log?.truncated).toBe(false);
  });

  it('reads the run log for RUNTIME_ERROR', async () => {
    const emulator = await hub(
      {},
      { runLog: ['Traceback (most recent call last):', 'ImportError: no torch'] },
    );
    emulator.scriptDeploy(SPACE, { stages: ['BUILDING', 'APP_STARTING', 'RUNTIME_ERROR'] });
    emulator.commitLanded(SPACE, NEW);
    const { options } = waitOptions(emulator);
    const error = (await waitForDeployedRuntime(options).catch(
      (caught: unknown) => caught,
    )) as SpaceDeployStageError;
    expect(error).toBeInstanceOf(SpaceDeployStageError);
    expect(error.log).toMatchObject({
      kind: 'run',
      lines: ['Traceback (most recent call last):', 'ImportError: no torch'],
    });
  });

  it('gives up after the timeout, naming the stage it was stuck in', async () => {
    const emulator = await hub();
    emulator.scriptDeploy(SPACE, { stages: ['BUILDING'] });
    emulator.commitLanded(SPACE, NEW);
    const { options, clock } = waitOptions(emulator, { timeoutMs: 20_000 });
    const error = await waitForDeployedRuntime(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpaceDeployTimeoutError);
    expect((error as SpaceDeployTimeoutError).stage).toBe('BUILDING');
    expect(clock.now() - 1_000_000).toBe(20_000);
  });

  it('never takes a stage change reported with another commit’s sha for the deploy', async () => {
    // Someone else's commit builds and runs (or breaks) while we wait for ours, which never comes up.
    const OTHER = 'c'.repeat(40);
    const emulator = await hub();
    emulator.setStage(SPACE, 'RUNNING', { then: ['BUILDING', 'RUNTIME_ERROR', 'RUNNING'] });
    const state = emulator.spaces.get(SPACE);
    if (state) state.runtimeSha = OTHER;
    const { options } = waitOptions(emulator, { timeoutMs: 20_000 });
    const error = await waitForDeployedRuntime(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpaceDeployTimeoutError);
    expect((error as Error).message).toBe(
      `Space ${SPACE} was still RUNNING 20s after the deploy (running commit ${OTHER.slice(0, 12)}, not the deployed one)`,
    );
  });

  it('after a restart at the same commit, waits for the Space to move before trusting RUNNING', async () => {
    const emulator = await hub();
    const state = emulator.spaces.get(SPACE);
    if (state) state.runtimeSha = NEW;
    emulator.setStage(SPACE, 'RUNNING', { then: ['RUNNING', 'BUILDING', 'RUNTIME_ERROR'] });
    const { options } = waitOptions(emulator);
    const error = await waitForDeployedRuntime({ ...options, waitFor: 'restart' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpaceDeployStageError);
    expect((error as SpaceDeployStageError).stage).toBe('RUNTIME_ERROR');
  });

  it('with nothing changed, the stage the Space reports for the commit is the answer', async () => {
    const emulator = await hub({ stage: 'RUNTIME_ERROR', errorMessage: 'boom' });
    const state = emulator.spaces.get(SPACE);
    if (state) state.runtimeSha = NEW;
    const { options } = waitOptions(emulator);
    const error = await waitForDeployedRuntime({ ...options, waitFor: 'current' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpaceDeployStageError);
    expect(runtimeReads(emulator)).toBe(1);
  });

  it('with nothing committed, reports the stage the Space is in at once', async () => {
    const emulator = await hub();
    const { options } = waitOptions(emulator);
    await expect(waitForDeployedRuntime({ ...options, commit: null })).resolves.toMatchObject({
      stage: 'RUNNING',
      polls: 1,
    });
  });
});

describe('readLogTail', () => {
  it('stops at the byte budget and says so', async () => {
    const emulator = await hub(
      {},
      {
        buildLog: Array.from({ length: 5_000 }, (_, i) => `line ${i} ${'x'.repeat(80)}`),
      },
    );
    const tail = await readLogTail({
      access: { hubUrl: emulator.url, accessToken: TEST_HF_TOKEN },
      spaceId: SPACE,
      kind: 'build',
      maxBytes: 16 * 1024,
      idleMs: 500,
    });
    expect(tail.truncated).toBe(true);
    expect(tail.lines.length).toBe(40);
    // Only the first ~16 KB were read: far from line 4999.
    expect(Number(/^line (\d+)/.exec(tail.lines.at(-1) ?? '')?.[1])).toBeLessThan(1_000);
  });

  it('returns what arrived when the followed stream goes quiet, and never throws', async () => {
    const emulator = await hub({}, { buildLog: ['one', 'two'] });
    const access = { hubUrl: emulator.url, accessToken: TEST_HF_TOKEN };
    await expect(readLogTail({ access, spaceId: SPACE, kind: 'build', idleMs: 200 })).resolves.toEqual({
      lines: ['one', 'two'],
      truncated: false,
    });
    const missing = await readLogTail({ access, spaceId: 'acme/nope', kind: 'build', idleMs: 200 });
    expect(missing).toMatchObject({ lines: [], unavailable: 'HTTP 404' });
  });
});
