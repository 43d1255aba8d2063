// The deploy-space and space-preview actions' jobs as plain functions (no @actions/core), against the emulators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployJob } from '../../../actions/deploy-space/src/deploy-job';
import { deployRequest } from '../../../actions/deploy-space/src/deploy-request';
import { getInputs as deployInputs } from '../../../actions/deploy-space/src/inputs';
import { getInputs as previewInputs } from '../../../actions/space-preview/src/inputs';
import { previewJob } from '../../../actions/space-preview/src/preview-job';
import { previewSpaceId, previewTag } from '#lib/deploy/preview';
import { startGitHubEmulator, TEST_TOKENS } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';
import { startHubEmulator } from '../../emulators/hub';
import type { HubEmulator } from '../../emulators/hub';
import { inputReader, recordingLog, runOf } from '../../harness/action-job';

const SPACE = 'acme/summarizer';
const HEAD = 'b'.repeat(40);
let hub: HubEmulator;
let github: GitHubEmulator;

beforeAll(async () => {
  [hub, github] = await Promise.all([
    startHubEmulator({
      spaces: [{ id: previewSpaceId(SPACE, 8), host: 'http://127.0.0.1:9' }],
      defaultUser: 'acme',
    }),
    startGitHubEmulator(),
  ]);
  github.seedPull('acme', 'summaries', { number: 8, headSha: HEAD });
});
afterAll(async () => {
  await Promise.all([hub.close(), github.close()]);
});

const deploySettings = (extra: Record<string, string> = {}) =>
  deployInputs(inputReader({ 'hf-token': 'hf_job_test_token', space: SPACE, 'hub-url': hub.url, ...extra }));

describe('deployJob', () => {
  it('gives a fork PR no preview Space: a notice, no outputs and no Hub request', async () => {
    const log = recordingLog();
    hub.resetLog();
    const outcome = await deployJob(
      deploySettings({ 'preview-pr': '9' }),
      runOf('/work', github.url, { number: 9, headSha: HEAD, isFork: true }),
      log,
    );
    expect(outcome).toEqual({ outputs: {} });
    expect(log.lines.notice).toEqual([
      expect.stringContaining('PR #9 comes from a fork, so it gets no preview Space'),
    ]);
    expect(hub.requests).toEqual([]);
  });
});

describe('deployRequest', () => {
  it("a preview goes to the PR's own Space, tagged for this repository, created if missing, not evaluated", async () => {
    const request = await deployRequest(
      deploySettings({ 'preview-pr': '8', path: 'app' }),
      runOf('/work/ws', github.url, { number: 8, headSha: HEAD }),
      recordingLog(),
    );
    expect(request).toMatchObject({
      spaceId: previewSpaceId(SPACE, 8),
      tag: previewTag('acme/summaries', 8),
      create: true,
      dir: '/work/ws/app',
      title: `Preview of PR #8 at ${HEAD.slice(0, 12)}`,
    });
    expect(request.evaluate).toBeUndefined();
  });

  it("a push deploys the Space itself, titled with the pushed commit's subject, and evaluates it live", async () => {
    const run = {
      ...runOf('/work/ws', github.url),
      payload: { head_commit: { message: 'Tune the app\n\nWhy.' } },
    };
    const request = await deployRequest(deploySettings(), run, recordingLog());
    expect(request).toMatchObject({
      spaceId: SPACE,
      create: false,
      dir: '/work/ws/space',
      title: 'Tune the app',
    });
    expect(request.tag).toBeUndefined();
    expect(request.description).toContain(run.runUrl);
    expect(request.evaluate).toMatchObject({ cwd: '/work/ws', gitSha: run.sha });
  });
});

describe('previewJob', () => {
  const settings = (pr: number) =>
    previewInputs(
      inputReader({
        command: 'delete',
        'pr-number': String(pr),
        'hf-token': 'hf_job_test_token',
        space: SPACE,
        'hub-url': hub.url,
        'github-token': TEST_TOKENS.write,
      }),
    );

  it("does not delete a Space with the preview's name that has no tag of this repository", async () => {
    const outcome = await previewJob(settings(8), runOf('/work', github.url), recordingLog(), Date.now());
    expect(outcome.outputs).toEqual({ deleted: '' });
    expect(outcome.warnings).toEqual([
      expect.stringMatching(new RegExp(`^Not deleting ${previewSpaceId(SPACE, 8)}: `)),
    ]);
    expect(hub.spaces.has(previewSpaceId(SPACE, 8))).toBe(true);
  });

  it('reports a preview that is already gone, and writes no comment', async () => {
    const writes = github.writes().length;
    const outcome = await previewJob(settings(12), runOf('/work', github.url), recordingLog(), Date.now());
    expect(outcome.outputs).toEqual({ deleted: '' });
    expect(outcome.summary).toBe(`Preview Space ${previewSpaceId(SPACE, 12)}: already gone.\n`);
    expect(github.writes()).toHaveLength(writes);
  });
});
