import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKENS, startGitHubEmulator } from '../emulators/github';
import type { GitHubEmulator } from '../emulators/github';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator } from '../emulators/gradio';
import {
  FORK_HEAD,
  FORK_REPO,
  SAME_REPO_HEAD,
  forkPullRequest,
  pushToMain,
  runOfForkPullRequest,
  runOfSameRepoPullRequest,
  sameRepoPullRequest,
} from '../fixtures/github/events';
import { runAction } from '../harness/run-action';
import type { ActionRun, RunActionOptions } from '../harness/run-action';
import { workflowRunEvent } from '../harness/webhook-events';
import { PR_RUN_PROVENANCE } from '#lib/github/provenance';
import type { WebhookEvent } from '../harness/webhook-events';

const MARKER = '<!-- sumops:evaluate -->';

let github: GitHubEmulator;
let space: GradioEmulator;
let workspace: string;

beforeAll(async () => {
  [github, space] = await Promise.all([startGitHubEmulator(), startGradioEmulator()]);
  // GitHub answers 404 for comments on a PR that does not exist: the PRs the events name exist here.
  github.seedPull('acme', 'summaries', { number: 17, headSha: SAME_REPO_HEAD });
  github.seedPull('acme', 'summaries', { number: 23, headSha: FORK_HEAD, headRepo: FORK_REPO });
  github.seedPull('acme', 'summaries', { number: 31, headSha: SAME_REPO_HEAD });
  workspace = await mkdtemp(join(tmpdir(), 'sumops-e2e-evaluate-'));
  await mkdir(join(workspace, 'test/eval'), { recursive: true });
  await cp(
    new URL('../fixtures/github/eval/cases.jsonl', import.meta.url),
    join(workspace, 'test/eval/cases.jsonl'),
  );
});
afterAll(async () => {
  await Promise.all([github.close(), space.close(), rm(workspace, { recursive: true, force: true })]);
});

async function evaluate(
  event: { name: string; payload: unknown },
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction('evaluate', {
    inputs: { provider: 'space', space: space.url, ...inputs },
    event,
    cwd: workspace,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.write,
    ...options,
  });
}

const botComments = (n: number) =>
  github.comments('acme', 'summaries', n).filter((c) => c.user.login === 'github-actions[bot]');

describe('evaluate action (bundled, as the runner runs it)', () => {
  it('evaluates the Space, writes outputs and summary, and keeps ONE sticky comment across re-runs', async () => {
    github.seedComments(
      'acme',
      'summaries',
      17,
      Array.from({ length: 120 }, (_, i) => ({ body: `review note ${i}`, login: `reviewer-${i % 5}` })),
    );
    const event = sameRepoPullRequest();

    const first = await evaluate(event, { thresholds: 'rouge1=0.05', 'out-dir': 'out/first' });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs.passed).toBe('true');
    const scores = JSON.parse(await readFile(first.outputs['scores-path'] ?? '', 'utf8')) as {
      format: string;
      cases: { id: string; summary?: string }[];
      provider: { name: string };
    };
    expect(scores.format).toBe('sumops-eval-scores');
    expect(scores.cases.map((c) => c.id)).toHaveLength(3);
    expect(scores.cases.every((c) => (c.summary ?? '').length > 0)).toBe(true);
    expect(existsSync(first.outputs['report-path'] ?? '')).toBe(true);
    expect(space.completed).toBeGreaterThanOrEqual(3);

    expect(first.summary).toMatch(/^## ✅ sumops eval passed/);
    expect(first.summary).toMatch(/\| \| rouge1 \| rouge2 \| rougeL \| rougeLsum \|/);
    expect(first.summary).toContain('threshold');

    const [comment] = botComments(17);
    expect(botComments(17)).toHaveLength(1);
    expect(first.outputs['comment-url']).toBe(comment?.html_url);
    expect(comment?.body).toContain(MARKER);
    expect(comment?.body).toContain('## ✅ sumops eval passed');
    // Readers are told whose numbers these are (the PR's own run can be changed by the PR) and who is authoritative.
    expect(comment?.body.trimEnd().endsWith(PR_RUN_PROVENANCE)).toBe(true);
    expect(first.summary).not.toContain(PR_RUN_PROVENANCE);
    // The third case's id and text carry HTML and an @-mention: they must arrive inert.
    expect(comment?.body).not.toMatch(/<script|<b>/);
    expect(comment?.body).not.toMatch(/@(?!\u200b)/);
    expect(comment?.body).toContain('solar-school &lt;b&gt;@\u200bteam&lt;/b&gt;');

    const postsBefore = github.requests.filter((r) => r.method === 'POST').length;
    const second = await evaluate(event, { thresholds: 'rouge1=0.06', 'out-dir': 'out/second' });
    expect(second.exitCode).toBe(0);
    expect(botComments(17)).toHaveLength(1);
    expect(botComments(17)[0]?.id).toBe(comment?.id);
    expect(botComments(17)[0]?.body).toContain('≥ 6.00');
    expect(github.requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
    expect(
      github.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/comments/${comment?.id}`)),
    ).toBe(true);
    expect(github.comments('acme', 'summaries', 17)).toHaveLength(121);
  });

  it('ends green with a notice on a fork PR: read-only token (403 on comment) and no hf-token', async () => {
    const event = forkPullRequest();
    const run = await evaluate(
      event,
      { 'hf-token': '', 'out-dir': 'out/fork' },
      { githubToken: TEST_TOKENS.readOnly },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.outputs['comment-url']).toBe('');
    const notices = run.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
    expect(notices.join('\n')).toMatch(
      /comments of acme\/summaries#23 failed with 403 "Resource not accessible by integration"; the token lacks "pull-requests: write/,
    );
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.summary).toContain('sumops eval passed');
    expect(github.comments('acme', 'summaries', 23)).toHaveLength(0);
  });

  it('ends green with a notice when a private Space needs the hf-token a fork PR does not get', async () => {
    const privateSpace = await startGradioEmulator({ token: 'hf_test_private' });
    try {
      const event = forkPullRequest();
      const run = await evaluate(
        event,
        { space: privateSpace.url, 'hf-token': '', 'out-dir': 'out/private' },
        { githubToken: TEST_TOKENS.readOnly },
      );
      expect(run.exitCode).toBe(0);
      const notices = run.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
      expect(notices.join('\n')).toMatch(/Skipped the evaluation: .*hf-token is empty/);
      expect(run.outputs.passed).toBeUndefined();
      expect(privateSpace.completed).toBe(0);
    } finally {
      await privateSpace.close();
    }
  });

  it('fails with ::error:: on an impossible threshold, after still posting the report', async () => {
    const run = await evaluate(sameRepoPullRequest(31), { thresholds: 'rouge1=0.99', 'out-dir': 'out/gate' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Evaluation failed: .*rouge1.*99\.00/);
    expect(run.summary).toMatch(/^## ❌ sumops eval failed/);
    expect(botComments(31)[0]?.body).toContain('❌');
  });

  it('rejects a bad input with one error naming it, before calling the Space', async () => {
    const callsBefore = space.calls;
    const event = sameRepoPullRequest();
    const run = await evaluate(event, { concurrency: 'abc' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      'Input "concurrency" is "abc": expected a whole number from 1 to 64.',
    ]);
    expect(space.calls).toBe(callsBefore);
  });
});

describe('comment action (workflow_run side)', () => {
  let scoresPath: string;

  beforeAll(async () => {
    // Produce a genuine artifact without commenting (push events have no PR).
    const run = await evaluate(pushToMain(), { 'out-dir': 'out/artifact' });
    expect(run.exitCode).toBe(0);
    scoresPath = run.outputs['scores-path'] ?? '';
  });

  const comment = async (
    event: WebhookEvent,
    inputs: Record<string, string>,
    token: string = TEST_TOKENS.write,
  ) =>
    runAction('comment', {
      inputs: { 'scores-path': scoresPath, ...inputs },
      event,
      cwd: workspace,
      apiUrl: github.url,
      githubToken: token,
    });

  it('with a GitHub App installation token keeps ONE <app>[bot] comment across re-runs, leaving people’s alone', async () => {
    github.seedPull('acme', 'summaries', { number: 41, headSha: SAME_REPO_HEAD });
    const [planted] = github.seedComments('acme', 'summaries', 41, [
      { body: `${MARKER}\nfake results`, login: 'mallory' },
    ]);
    const event = workflowRunEvent({
      runId: 8800041,
      headSha: SAME_REPO_HEAD,
      pullRequests: [{ number: 41 }],
    });
    const first = await comment(event, { 'pr-number': '41' }, TEST_TOKENS.app);
    const again = await comment(event, { 'pr-number': '41' }, TEST_TOKENS.app);
    expect([first.exitCode, again.exitCode]).toEqual([0, 0]);
    expect([first.outputs.action, again.outputs.action]).toEqual(['created', 'unchanged']);
    const byApp = github.comments('acme', 'summaries', 41).filter((c) => c.user.login === 'sumops-app[bot]');
    expect(byApp).toHaveLength(1);
    expect(again.outputs['comment-url']).toBe(byApp[0]?.html_url);
    expect(github.comments('acme', 'summaries', 41).find((c) => c.id === planted?.id)?.body).toBe(
      `${MARKER}\nfake results`,
    );
  });

  it('validates the artifact and upserts the same sticky comment', async () => {
    const prFile = join(workspace, 'pr-number');
    await writeFile(prFile, '17\n');
    const idBefore = botComments(17)[0]?.id;
    const run = await comment(runOfSameRepoPullRequest(), { 'pr-number-path': prFile });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(botComments(17)).toHaveLength(1);
    expect(botComments(17)[0]?.id).toBe(idBefore);
    expect(run.outputs.action).toBe('updated');
    expect(botComments(17)[0]?.body).toContain('https://github.com/acme/summaries/actions/runs/8800017');
    expect(botComments(17)[0]?.body).toContain(
      "come from this pull request's own evaluate run: a PR that changes `.github/` or `actions/` can change them too",
    );
  });

  it('does not let a re-run of an older evaluate run of the same-repository PR overwrite the comment', async () => {
    const OLD_HEAD = 'a1d0000000000000000000000000000000000051';
    const NEW_HEAD = 'b2e0000000000000000000000000000000000051';
    github.seedPull('acme', 'summaries', { number: 51, headSha: NEW_HEAD });
    const [current] = github.seedComments('acme', 'summaries', 51, [
      { body: `${MARKER}\nresults of ${NEW_HEAD}`, login: 'github-actions[bot]', type: 'Bot' },
    ]);
    // GitHub lists the PR for the old run (same branch), but the run evaluated the PR's previous head.
    const oldRun = workflowRunEvent({ runId: 8800051, headSha: OLD_HEAD, pullRequests: [{ number: 51 }] });
    const run = await comment(oldRun, { 'pr-number': '51' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.action).toBe('stale');
    expect(run.annotations.find((a) => a.level === 'notice')?.message).toBe(
      `Not commenting on PR #51: the workflow run evaluated ${OLD_HEAD.slice(0, 12)}, but the PR's head is now ${NEW_HEAD.slice(0, 12)}; the evaluation of the head posts its own results.`,
    );
    expect(github.comments('acme', 'summaries', 51).map((c) => c.body)).toEqual([current?.body]);
  });

  it('rejects a PR number that the triggering run was not about', async () => {
    const run = await comment(runOfSameRepoPullRequest(), { 'pr-number': '18' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /Refusing to comment on PR #18: the workflow run belongs to PR #17/,
    );
    expect(github.comments('acme', 'summaries', 18)).toHaveLength(0);
  });

  it('on fork runs (no pull_requests listed) accepts the PR only when its head is the evaluated commit', async () => {
    github.seedPull('acme', 'summaries', {
      number: 23,
      headSha: 'd0d0caca00000000000000000000000000000023',
      headRepo: 'outside-dev/summaries',
    });
    github.seedPull('acme', 'summaries', { number: 24, headSha: 'abcdef0000000000000000000000000000000024' });
    const ok = await comment(runOfForkPullRequest(), { 'pr-number': '23' });
    expect(ok.exitCode).toBe(0);
    expect(botComments(23)).toHaveLength(1);

    const tampered = await comment(runOfForkPullRequest(), { 'pr-number': '24' });
    expect(tampered.exitCode).toBe(1);
    expect(tampered.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /PR #24: its head is abcdef000000/,
    );
    expect(github.comments('acme', 'summaries', 24)).toHaveLength(0);
  });

  it('rejects malformed artifacts: a non-numeric PR number and a scores file of the wrong shape', async () => {
    const badNumber = await comment(runOfSameRepoPullRequest(), { 'pr-number': '17; rm -rf /' });
    expect(badNumber.exitCode).toBe(1);
    expect(badNumber.annotations.find((a) => a.level === 'error')?.message).toMatch(/expected a PR number/);

    const scores = JSON.parse(await readFile(scoresPath, 'utf8')) as { provider: { name: unknown } };
    scores.provider.name = { injected: '@everyone' };
    const badScores = join(workspace, 'bad-scores.json');
    await writeFile(badScores, JSON.stringify(scores));
    const run = await comment(runOfSameRepoPullRequest(), { 'pr-number': '17', 'scores-path': badScores });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /scores\.json: provider\.name: Invalid input: expected string, received object/,
    );
  });
});
