import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCommentAuthor } from '#lib/github/comment-author';
import { verifyPullRequestOfRun } from '#lib/github/eval-artifact';
import { createOctokit } from '#lib/github/octokit';
import type { GitHubClient } from '#lib/github/octokit';
import { upsertStickyComment } from '#lib/github/sticky-comment';
import { silentLogger } from '#lib/log';
import { TEST_TOKENS, startGitHubEmulator } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';
import { GitHubOpenApi } from '../../harness/github-openapi';

interface Seen {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

const repo = { owner: 'acme', repo: 'summaries' };
const REPO_ID = 700_777;
let github: GitHubEmulator;
let openapi: GitHubOpenApi;
const seen: Seen[] = [];

/** Every answer the project's Octokit read, exactly as it arrived. */
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  const text = await response.clone().text();
  seen.push({
    method: (init?.method ?? 'GET').toUpperCase(),
    // GitHub's Link URLs use /repositories/{id}/…; the description documents the same answers under /repos/…
    path: url.pathname.replace(`/repositories/${REPO_ID}/`, `/repos/acme/summaries/`),
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  });
  return response;
};

const client = (token: string = TEST_TOKENS.write): GitHubClient =>
  createOctokit({
    token,
    baseUrl: github.url,
    logger: silentLogger,
    throttle: false,
    retries: 0,
    fetch: recordingFetch,
  });

const settle = async (work: Promise<unknown>) => {
  await work.catch(() => undefined);
};

beforeAll(async () => {
  openapi = new GitHubOpenApi();
  github = await startGitHubEmulator();
  github.seedRepo('acme', 'summaries', { id: REPO_ID });
  github.seedPull('acme', 'summaries', { number: 17, headSha: 'feedface00000000000000000000000000000017' });
  github.seedPull('acme', 'summaries', {
    number: 23,
    headSha: 'd0d0caca00000000000000000000000000000023',
    headRepo: 'outside-dev/summaries',
  });
  github.seedComments(
    'acme',
    'summaries',
    17,
    Array.from({ length: 105 }, (_, i) => ({ body: `chatter ${i}`, login: `reviewer-${i % 3}` })),
  );
  github.seedIssue('acme', 'summaries', { title: 'old digest', labels: ['digest'], state: 'closed' });

  // What the actions do today.
  const marker = '<!-- sumops:evaluate -->';
  await upsertStickyComment({ octokit: client(), ...repo, issueNumber: 17, marker, body: 'v1' });
  await upsertStickyComment({ octokit: client(), ...repo, issueNumber: 17, marker, body: 'v2' });
  await resolveCommentAuthor(client(TEST_TOKENS.user));
  await settle(resolveCommentAuthor(client(TEST_TOKENS.write)));
  const run = { headSha: 'd0d0caca00000000000000000000000000000023', pullRequests: [] };
  await verifyPullRequestOfRun({ octokit: client(), ...repo, prNumber: 23, run });
  await settle(verifyPullRequestOfRun({ octokit: client(), ...repo, prNumber: 99, run }));
  await settle(
    client(TEST_TOKENS.readOnly).rest.issues.createComment({ ...repo, issue_number: 17, body: 'x' }),
  );
  await settle(client('ghs_unknown').rest.issues.listComments({ ...repo, issue_number: 17 }));

  // What the digests will do.
  const octokit = client();
  await octokit.rest.issues.createLabel({
    ...repo,
    name: 'weekly',
    color: 'a2eeef',
    description: 'Weekly digest',
  });
  await settle(octokit.rest.issues.createLabel({ ...repo, name: 'Weekly', color: 'a2eeef' }));
  await octokit.rest.issues.listLabelsForRepo(repo);
  const created = await octokit.rest.issues.create({
    ...repo,
    title: 'Digest',
    body: 'b',
    labels: ['digest'],
  });
  await octokit.rest.issues.get({ ...repo, issue_number: created.data.number });
  await octokit.rest.issues.update({
    ...repo,
    issue_number: created.data.number,
    state: 'closed',
    body: 'b2',
  });
  await octokit.rest.issues.addLabels({ ...repo, issue_number: created.data.number, labels: ['weekly'] });
  await octokit.rest.issues.removeLabel({ ...repo, issue_number: created.data.number, name: 'weekly' });
  await settle(octokit.rest.issues.removeLabel({ ...repo, issue_number: created.data.number, name: 'nope' }));
  await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: 'all', per_page: 1 });
  await octokit.rest.issues.createComment({ ...repo, issue_number: created.data.number, body: 'c' });
  await settle(octokit.rest.issues.createComment({ ...repo, issue_number: 404, body: 'x' }));
  await settle(octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'ghost' }));
  await settle(octokit.rest.issues.create({ ...repo, title: undefined as unknown as string }));
  github.exhaustRateLimit({ status: 403 });
  await settle(octokit.rest.issues.listForRepo(repo));
}, 60_000);

afterAll(async () => {
  await github.close();
});

describe('GitHub emulator answers fit the api.github.com OpenAPI description', () => {
  it('exercised every endpoint and status the project reads', () => {
    const covered = new Set(seen.map((s) => `${s.method} ${openapi.template(s.path) ?? s.path} ${s.status}`));
    const expected = [
      'GET /user 200',
      'GET /user 403',
      'GET /repos/{owner}/{repo}/pulls/{pull_number} 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number} 404',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments 200',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments 401',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 403',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 404',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} 200',
      'GET /repos/{owner}/{repo}/issues 200',
      'GET /repos/{owner}/{repo}/issues 403',
      'GET /repos/{owner}/{repo}/issues 404',
      'POST /repos/{owner}/{repo}/issues 201',
      'POST /repos/{owner}/{repo}/issues 422',
      'GET /repos/{owner}/{repo}/issues/{issue_number} 200',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number} 200',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name} 200',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name} 404',
      'GET /repos/{owner}/{repo}/labels 200',
      'POST /repos/{owner}/{repo}/labels 201',
      'POST /repos/{owner}/{repo}/labels 422',
    ];
    expect(expected.filter((e) => !covered.has(e))).toEqual([]);
  });

  it('every answer validates against the documented response schema', () => {
    const problems = seen
      .map((s) => openapi.check(s.method, s.path, s.status, s.body))
      .filter((c) => c.problems.length > 0)
      .map((c) => `${c.method} ${c.template} ${c.status}: ${c.problems.slice(0, 8).join('; ')}`);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('the checker itself rejects an answer that lacks required fields', () => {
    const comment = seen.find((s) => s.method === 'POST' && s.status === 201 && s.path.endsWith('/comments'));
    const { user: _user, ...withoutUser } = comment?.body as Record<string, unknown>;
    const check = openapi.check('POST', comment?.path ?? '', 201, withoutUser);
    expect(check.problems).toContain("/ must have required property 'user'");
    expect(
      openapi.check('GET', '/repos/acme/summaries/labels', 200, [{ name: 1 }]).problems.length,
    ).toBeGreaterThan(0);
  });
});
