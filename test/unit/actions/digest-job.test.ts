// The summarize-urls action's job as a plain function (no @actions/core), against the GitHub emulator.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestJob } from '../../../actions/summarize-urls/src/digest-job';
import { getInputs } from '../../../actions/summarize-urls/src/inputs';
import { startGitHubEmulator, TEST_TOKENS } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';
import { inputReader, recordingLog, runOf } from '../../harness/action-job';

let github: GitHubEmulator;
let workspace: string;
beforeAll(async () => {
  github = await startGitHubEmulator();
  github.seedRepo('acme', 'summaries');
  workspace = await mkdtemp(join(tmpdir(), 'sumops-digest-job-'));
});
afterAll(async () => {
  await Promise.all([github.close(), rm(workspace, { recursive: true, force: true })]);
});

describe('digestJob', () => {
  it('without a config summarizes the dispatched URLs with the defaults; a blocked page fails in the action’s words', async () => {
    const log = recordingLog();
    const url = 'http://127.0.0.1:8080/intranet';
    const outcome = await digestJob(
      getInputs(inputReader({ urls: url, 'github-token': TEST_TOKENS.write })),
      runOf(workspace, github.url),
      log,
    );
    expect(log.lines.info).toContain(
      'No .github/sumops.yml; summarizing the given URLs with the default settings.',
    );
    expect(outcome.outputs).toMatchObject({ created: '0', updated: '0', failed: '1' });
    expect(JSON.parse(outcome.outputs.results ?? '')).toEqual([
      expect.objectContaining({ url, status: 'failed', issue: null }),
    ]);
    // The SSRF guard refused the loopback address; the advice names the config key, not a CLI flag.
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:8080\/intranet: .*\(set allow-private-network: true in the config if that host is yours\)$/,
      ),
    ]);
    expect(outcome.failure).toBe('All 1 URLs failed.');
    // The job summary lists it too (escaped: a URL in untrusted text never becomes a link).
    expect(outcome.summary).toContain('| failed |');
    expect(outcome.summary).toContain('127.0.0.1:8080/intranet');
    expect(github.writes()).toEqual([]);
  });
});
