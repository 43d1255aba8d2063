// The evaluate and comment actions' jobs, run as plain functions (no @actions/core): the embedded summarizer on the
// repository's news fixtures, the GitHub emulator for the sticky comment.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentJob } from '../../../actions/comment/src/comment-job';
import { evaluateJob } from '../../../actions/evaluate/src/evaluate-job';
import { getInputs } from '../../../actions/evaluate/src/inputs';
import { PullRequestMismatchError } from '#lib/github/eval-artifact';
import { EVALUATE_COMMENT_MARKER } from '#lib/github/sticky-comment';
import { startGitHubEmulator, TEST_TOKENS } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';
import { REPO_ROOT } from '../../harness/run-action';
import { inputReader, recordingLog, runOf } from '../../harness/action-job';

const HEAD = 'a'.repeat(40);
let github: GitHubEmulator;
let out: string;

beforeAll(async () => {
  github = await startGitHubEmulator();
  github.seedPull('acme', 'summaries', { number: 17, headSha: HEAD });
  // A PR of its own for the read-only token: on PR 17 an identical report (same latency figures) would find the
  // first test's comment already up to date and need no write at all.
  github.seedPull('acme', 'summaries', { number: 18, headSha: HEAD });
  out = await mkdtemp(join(tmpdir(), 'sumops-evaluate-job-'));
});
afterAll(async () => {
  await Promise.all([github.close(), rm(out, { recursive: true, force: true })]);
});

const inputs = (extra: Record<string, string>, token: string = TEST_TOKENS.write) =>
  getInputs(
    inputReader({
      provider: 'embedded',
      fixtures: 'test/eval/news.jsonl',
      'github-token': token,
      ...extra,
    }),
  );

describe('evaluateJob', () => {
  it('evaluates, writes scores.json, the report and the history line, and posts one sticky comment', async () => {
    const log = recordingLog();
    const outcome = await evaluateJob(
      inputs({ 'out-dir': join(out, 'pr') }),
      runOf(REPO_ROOT, github.url, { number: 17, headSha: HEAD }),
      log,
    );
    expect(outcome.outputs.passed).toBe('true');
    expect(existsSync(outcome.outputs['scores-path'] ?? '')).toBe(true);
    expect(readFileSync(outcome.outputs['report-path'] ?? '', 'utf8')).toContain(EVALUATE_COMMENT_MARKER);
    const history = readFileSync(outcome.outputs['history-record-path'] ?? '', 'utf8');
    // The PR's head, not GitHub's merge commit, is the commit the record names.
    expect(JSON.parse(history)).toMatchObject({ kind: 'evaluation', gitSha: HEAD });
    expect(outcome.summary).toContain(EVALUATE_COMMENT_MARKER);
    expect(outcome.outputs['comment-url']).toMatch(
      /^https:\/\/github\.com\/acme\/summaries\/pull\/17#issuecomment-/,
    );
    expect(github.comments('acme', 'summaries', 17)).toHaveLength(1);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.error).toBeUndefined();
  });

  it('with a token that may not write: a notice, no comment URL, and the report still in the summary', async () => {
    const log = recordingLog();
    const outcome = await evaluateJob(
      inputs({ 'out-dir': join(out, 'fork') }, TEST_TOKENS.readOnly),
      runOf(REPO_ROOT, github.url, { number: 18, headSha: HEAD }),
      log,
    );
    expect(outcome.outputs['comment-url']).toBe('');
    expect(log.lines.notice.join('\n')).toContain('the evaluate-comment workflow posts it');
    expect(outcome.summary).toContain(EVALUATE_COMMENT_MARKER);
    expect(outcome.error).toBeUndefined();
  });

  it('a failed gate is the failure, or a warning when fail-on-regression is false', async () => {
    const run = runOf(REPO_ROOT, github.url);
    const failing = await evaluateJob(
      inputs({ thresholds: 'rouge1=0.99', 'out-dir': join(out, 'gate') }),
      run,
      recordingLog(),
    );
    expect(failing.outputs.passed).toBe('false');
    expect(failing.failure).toMatch(/^Evaluation failed: .*rouge1/);
    expect(failing.warnings ?? []).toEqual([]);
    // Not a PR: nothing to comment on.
    expect(failing.outputs['comment-url']).toBe('');

    const lenient = await evaluateJob(
      inputs({ thresholds: 'rouge1=0.99', 'fail-on-regression': 'false', 'out-dir': join(out, 'gate2') }),
      run,
      recordingLog(),
    );
    expect(lenient.failure).toBeUndefined();
    expect(lenient.warnings?.[0]).toMatch(/fail-on-regression is false, so the job stays green\)$/);
  });

  it('a missing baseline file and a missing history are notices, not failures', async () => {
    const log = recordingLog();
    const outcome = await evaluateJob(
      inputs({
        baseline: 'no/such/scores.json',
        history: 'no/such/history.jsonl',
        'out-dir': join(out, 'notices'),
      }),
      runOf(REPO_ROOT, github.url),
      log,
    );
    expect(outcome.outputs.passed).toBe('true');
    expect(log.lines.notice).toEqual([
      expect.stringContaining('No baseline at no/such/scores.json'),
      expect.stringContaining('No score history at no/such/history.jsonl'),
    ]);
  });
});

describe('commentJob', () => {
  it('re-renders scores.json into the same sticky comment the evaluate job posted', async () => {
    const scoresPath = join(out, 'pr', 'scores.json');
    const before = github.comments('acme', 'summaries', 17);
    const outcome = await commentJob(
      { scoresPath, prNumber: { kind: 'value', text: '17' }, githubToken: TEST_TOKENS.write },
      runOf(REPO_ROOT, github.url, { number: 17, headSha: HEAD }),
      recordingLog(),
    );
    expect(outcome.outputs.action).toMatch(/^(updated|unchanged)$/);
    expect(github.comments('acme', 'summaries', 17).map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('refuses a PR number the pull_request event is not about', async () => {
    await expect(
      commentJob(
        {
          scoresPath: join(out, 'pr', 'scores.json'),
          prNumber: { kind: 'value', text: '18' },
          githubToken: TEST_TOKENS.write,
        },
        runOf(REPO_ROOT, github.url, { number: 17, headSha: HEAD }),
        recordingLog(),
      ),
    ).rejects.toThrow(PullRequestMismatchError);
  });
});
