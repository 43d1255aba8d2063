import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '#lib/github/octokit';
import type { GitHubClient } from '#lib/github/octokit';
import { ANY_BOT, resolveCommentAuthor } from '#lib/github/comment-author';
import { GitHubAuthError, GitHubWriteForbiddenError } from '#lib/github/errors';
import {
  MAX_COMMENT_CHARS,
  fitCommentBody,
  isStickyComment,
  upsertStickyComment,
} from '#lib/github/sticky-comment';
import { silentLogger } from '#lib/log';
import { TEST_TOKENS, startGitHubEmulator } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';

const MARKER = '<!-- sumops:evaluate -->';
const target = { owner: 'acme', repo: 'summaries', issueNumber: 17 };

let github: GitHubEmulator;
const client = (token: string = TEST_TOKENS.write): GitHubClient =>
  createOctokit({ token, baseUrl: github.url, logger: silentLogger, throttle: false, retries: 0 });

beforeEach(async () => {
  github = await startGitHubEmulator();
  github.seedPull('acme', 'summaries', { number: 17, headSha: 'feedface00000000000000000000000000000017' });
});
afterEach(async () => {
  await github.close();
});

describe('upsertStickyComment', () => {
  it('creates one comment with the marker, then edits it in place on the next run', async () => {
    const first = await upsertStickyComment({
      octokit: client(),
      ...target,
      marker: MARKER,
      body: 'ROUGE-1 0.41',
    });
    expect(first.action).toBe('created');
    const second = await upsertStickyComment({
      octokit: client(),
      ...target,
      marker: MARKER,
      body: 'ROUGE-1 0.44',
    });
    expect(second).toMatchObject({ action: 'updated', id: first.id });

    const comments = github.comments('acme', 'summaries', 17);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`${MARKER}\nROUGE-1 0.44`);
    expect(comments[0]?.user.login).toBe('github-actions[bot]');
    expect(second.url).toBe(comments[0]?.html_url);
  });

  it('finds its comment beyond the first 100 and ignores markers planted by other users', async () => {
    github.seedComments(
      'acme',
      'summaries',
      17,
      Array.from({ length: 130 }, (_, i) => ({ body: `chatter ${i}`, login: `reviewer-${i % 7}` })),
    );
    github.seedComments('acme', 'summaries', 17, [{ body: `${MARKER}\nfake results`, login: 'mallory' }]);
    const [own] = github.seedComments('acme', 'summaries', 17, [
      { body: `${MARKER}\nold results`, login: 'github-actions[bot]', type: 'Bot' },
    ]);

    const result = await upsertStickyComment({
      octokit: client(),
      ...target,
      marker: MARKER,
      body: 'new results',
    });

    expect(result).toMatchObject({ action: 'updated', id: own?.id });
    const all = github.comments('acme', 'summaries', 17);
    expect(all).toHaveLength(132);
    expect(all.find((c) => c.user.login === 'mallory')?.body).toBe(`${MARKER}\nfake results`);
    const pages = github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/17/comments'));
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
    expect(pages.every((r) => r.query.per_page === '100')).toBe(true);
  });

  it('sends no write when the body is unchanged', async () => {
    await upsertStickyComment({ octokit: client(), ...target, marker: MARKER, body: 'same' });
    const writesBefore = github.requests.filter((r) => r.method !== 'GET').length;
    const again = await upsertStickyComment({ octokit: client(), ...target, marker: MARKER, body: 'same' });
    expect(again.action).toBe('unchanged');
    expect(github.requests.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
  });

  it('updates the comment of a personal-token author when author names that login', async () => {
    const [mine] = github.seedComments('acme', 'summaries', 17, [
      { body: `${MARKER}\nv1`, login: 'octo-maintainer' },
    ]);
    const result = await upsertStickyComment({
      octokit: client(TEST_TOKENS.user),
      ...target,
      marker: MARKER,
      body: 'v2',
      author: { kind: 'login', login: 'octo-maintainer' },
    });
    expect(result).toMatchObject({ action: 'updated', id: mine?.id });
  });

  it('never sends more than 65,536 characters and keeps the marker', async () => {
    const body = `${MARKER}\n${'| row | 0.1 |\n'.repeat(10_000)}`;
    await upsertStickyComment({ octokit: client(), ...target, marker: MARKER, body });
    const posted = github.requests.find((r) => r.method === 'POST');
    const sent = (posted?.body as { body: string }).body;
    expect(sent.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(sent.startsWith(MARKER)).toBe(true);
    expect(sent).toContain('cut to fit');
    expect(posted?.status).toBe(201);
  });

  it('reports a read-only token (fork PR) as GitHubWriteForbiddenError naming the PR', async () => {
    const attempt = upsertStickyComment({
      octokit: client(TEST_TOKENS.readOnly),
      ...target,
      marker: MARKER,
      body: 'x',
    });
    await expect(attempt).rejects.toBeInstanceOf(GitHubWriteForbiddenError);
    await expect(attempt).rejects.toThrow(/acme\/summaries#17.*403 "Resource not accessible by integration"/);
    expect(github.comments('acme', 'summaries', 17)).toHaveLength(0);
  });

  it('reports a bad token as GitHubAuthError', async () => {
    const attempt = upsertStickyComment({
      octokit: client('ghs_wrong'),
      ...target,
      marker: MARKER,
      body: 'x',
    });
    await expect(attempt).rejects.toBeInstanceOf(GitHubAuthError);
    await expect(attempt).rejects.toThrow(/401 "Bad credentials".*github-token/);
  });
});

describe('createOctokit', () => {
  it('waits out the primary rate limit (403, x-ratelimit-remaining 0) until x-ratelimit-reset, then goes on', async () => {
    github.exhaustRateLimit({ status: 403, resetInSeconds: 1 });
    const warnings: string[] = [];
    const octokit = createOctokit({
      token: TEST_TOKENS.write,
      baseUrl: github.url,
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
      retryAfterBaseMs: 1,
    });
    const result = await upsertStickyComment({ octokit, ...target, marker: MARKER, body: 'after the reset' });
    expect(result.action).toBe('created');
    const lists = github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'));
    expect(lists.map((r) => r.status)).toEqual([403, 200]);
    expect(warnings.join('\n')).toMatch(/primary rate limit on GET .*retrying after \d+s/);
  });

  it('retries after a secondary rate limit and then succeeds', async () => {
    github.failNext({
      method: 'POST',
      path: /\/issues\/17\/comments$/,
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      headers: { 'retry-after': '1' },
    });
    const warnings: string[] = [];
    const octokit = createOctokit({
      token: TEST_TOKENS.write,
      baseUrl: `${github.url}/`,
      logger: { ...silentLogger, warn: (m) => warnings.push(m) },
      retryAfterBaseMs: 1,
    });
    const result = await upsertStickyComment({ octokit, ...target, marker: MARKER, body: 'after retry' });
    expect(result.action).toBe('created');
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 201]);
    expect(warnings.join('\n')).toMatch(/secondary rate limit.*retrying/);
  });
});

describe('fitCommentBody / isStickyComment', () => {
  it('leaves short bodies alone and re-adds a marker that the cut removed', () => {
    expect(fitCommentBody('short', MARKER)).toBe('short');
    const trailing = `${'x'.repeat(70_000)}\n${MARKER}`;
    const fitted = fitCommentBody(trailing, MARKER);
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(fitted.endsWith(MARKER)).toBe(true);
  });

  it('does not split a surrogate pair at the cut', () => {
    const fitted = fitCommentBody(`${MARKER}\n${'😀'.repeat(40_000)}`, MARKER, 1000);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('matches a known login with or without the [bot] suffix, or any bot, never a person', () => {
    const comment = {
      id: 1,
      html_url: '',
      body: `x ${MARKER}`,
      user: { login: 'github-actions', type: 'Bot' },
    };
    const actions = { kind: 'login', login: 'github-actions[bot]' } as const;
    expect(isStickyComment(comment, MARKER, actions)).toBe(true);
    expect(isStickyComment({ ...comment, body: 'no marker' }, MARKER, actions)).toBe(false);
    expect(isStickyComment({ ...comment, user: null }, MARKER, actions)).toBe(false);
    expect(
      isStickyComment({ ...comment, user: { login: 'sumops-app[bot]', type: 'Bot' } }, MARKER, ANY_BOT),
    ).toBe(true);
    expect(
      isStickyComment({ ...comment, user: { login: 'mallory[bot]', type: 'User' } }, MARKER, ANY_BOT),
    ).toBe(false);
    expect(isStickyComment({ ...comment, user: { login: 'x' } }, MARKER, ANY_BOT)).toBe(false);
  });
});

describe('sticky comment with a GitHub App installation token', () => {
  const app = () => client(TEST_TOKENS.app);

  it('cannot learn its login (GET /user is 403), so looks for any bot, never guessing github-actions[bot]', async () => {
    await expect(resolveCommentAuthor(app())).resolves.toEqual(ANY_BOT);
    await expect(resolveCommentAuthor(client(TEST_TOKENS.user))).resolves.toEqual({
      kind: 'login',
      login: 'octo-maintainer',
    });
    expect(github.requests.map((r) => [r.path, r.status])).toEqual([
      ['/user', 403],
      ['/user', 200],
    ]);
  });

  it('re-runs edit the same <app>[bot] comment: no duplicates, and a person’s marked comment is never edited', async () => {
    const [planted] = github.seedComments('acme', 'summaries', 17, [
      { body: `${MARKER}\nplanted by a person`, login: 'mallory' },
    ]);
    const run = async (body: string) =>
      upsertStickyComment({
        octokit: app(),
        ...target,
        marker: MARKER,
        body,
        author: await resolveCommentAuthor(app()),
      });

    const first = await run('ROUGE-1 0.41');
    const second = await run('ROUGE-1 0.44');
    const third = await run('ROUGE-1 0.44');
    expect([first.action, second.action, third.action]).toEqual(['created', 'updated', 'unchanged']);
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);

    const comments = github.comments('acme', 'summaries', 17);
    const byApp = comments.filter((c) => c.user.login === 'sumops-app[bot]');
    expect(byApp.map((c) => c.body)).toEqual([`${MARKER}\nROUGE-1 0.44`]);
    expect(comments.find((c) => c.id === planted?.id)?.body).toBe(`${MARKER}\nplanted by a person`);
    expect(comments).toHaveLength(2);
    const patched = github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(patched).toEqual([`/repos/acme/summaries/issues/comments/${first.id}`]);
  });

  it('takes over the comment an earlier github-actions[bot] run left, rather than adding a second report', async () => {
    const [old] = github.seedComments('acme', 'summaries', 17, [
      { body: `${MARKER}\nold report`, login: 'github-actions[bot]', type: 'Bot' },
    ]);
    const result = await upsertStickyComment({
      octokit: app(),
      ...target,
      marker: MARKER,
      body: 'new report',
    });
    expect(result).toMatchObject({ action: 'updated', id: old?.id });
    expect(github.comments('acme', 'summaries', 17)).toHaveLength(1);
  });
});
