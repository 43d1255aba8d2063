import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postStickyComment } from '#action-support/sticky-comment';
import { createOctokit } from '#lib/github/octokit';
import { startGitHubEmulator, TEST_TOKENS } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';
import { recordingLog } from '../../harness/action-job';

const MARKER = '<!-- sumops:test -->';
let github: GitHubEmulator;
beforeAll(async () => {
  github = await startGitHubEmulator();
  github.seedPull('acme', 'summaries', { number: 5, headSha: 'c'.repeat(40) });
});
afterAll(() => github.close());

const post = (token: string, body: string) => {
  const log = recordingLog();
  const octokit = createOctokit({ token, baseUrl: github.url, logger: log, retries: 0 });
  const result = postStickyComment({
    octokit,
    owner: 'acme',
    repo: 'summaries',
    issueNumber: 5,
    marker: MARKER,
    body: `${MARKER}\n${body}`,
    log,
    whereInstead: 'It is in the job summary.',
  });
  return { log, result };
};

describe('postStickyComment', () => {
  it('creates the comment, then updates the same one', async () => {
    const first = await post(TEST_TOKENS.write, 'one').result;
    const second = await post(TEST_TOKENS.write, 'two').result;
    expect(first?.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', id: first?.id });
    expect(github.comments('acme', 'summaries', 5)).toHaveLength(1);
  });

  it('with a token that may not write: a notice saying where the content is instead, and no result', async () => {
    const { log, result } = post(TEST_TOKENS.readOnly, 'three');
    expect(await result).toBeUndefined();
    expect(log.lines.notice).toEqual([expect.stringMatching(/ It is in the job summary\.$/)]);
    expect(github.comments('acme', 'summaries', 5)[0]?.body).toContain('two');
  });
});
