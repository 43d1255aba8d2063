import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '#lib/github/octokit';
import type { GitHubClient } from '#lib/github/octokit';
import { silentLogger } from '#lib/log';
import { TEST_TOKENS, startGitHubEmulator } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';

const repo = { owner: 'acme', repo: 'summaries' };
let github: GitHubEmulator;
const client = (token: string = TEST_TOKENS.write, extra: { throttle?: boolean } = {}): GitHubClient =>
  createOctokit({
    token,
    baseUrl: github.url,
    logger: silentLogger,
    throttle: extra.throttle ?? false,
    retries: extra.throttle ? 2 : 0,
    retryAfterBaseMs: 1,
  });

/** The status and body of a request that is expected to fail. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data?: unknown } };
    return { status, data: response?.data };
  }
  throw new Error('expected the request to fail');
}

beforeEach(async () => {
  github = await startGitHubEmulator();
  github.seedRepo('acme', 'summaries', { id: 4242 });
});
afterEach(async () => {
  await github.close();
});

describe('GitHub emulator: issues', () => {
  it('creates an issue (201, Location) and creates unknown labels on the way', async () => {
    const { status, data, headers } = await client().rest.issues.create({
      ...repo,
      title: 'Digest 2026-12-01',
      body: 'three summaries',
      labels: ['digest', 'bot'],
      assignees: ['octo-maintainer'],
    });
    expect(status).toBe(201);
    expect(headers.location).toBe(data.url);
    expect(data).toMatchObject({ number: 1, state: 'open', title: 'Digest 2026-12-01', comments: 0 });
    expect(data.user?.login).toBe('github-actions[bot]');
    expect(data.assignees?.map((a) => a.login)).toEqual(['octo-maintainer']);
    expect(github.labels('acme', 'summaries').map((l) => [l.name, l.color])).toEqual([
      ['bot', 'ededed'],
      ['digest', 'ededed'],
    ]);
    expect(github.issue('acme', 'summaries', 1)?.labels.map((l) => l.name)).toEqual(['digest', 'bot']);
  });

  it('lists open issues newest first, with pull requests marked by a pull_request key, and filters', async () => {
    github.seedIssue('acme', 'summaries', { title: 'old digest', labels: ['digest'], state: 'closed' });
    github.seedIssue('acme', 'summaries', { title: 'new digest', labels: ['digest', 'Weekly'] });
    github.seedPull('acme', 'summaries', { number: 3, headSha: 'a'.repeat(40) });
    const octokit = client();

    const open = await octokit.rest.issues.listForRepo(repo);
    expect(open.data.map((i) => [i.number, 'pull_request' in i && !!i.pull_request])).toEqual([
      [3, true],
      [2, false],
    ]);
    const closed = await octokit.rest.issues.listForRepo({ ...repo, state: 'closed' });
    expect(closed.data.map((i) => i.title)).toEqual(['old digest']);
    const all = await octokit.rest.issues.listForRepo({ ...repo, state: 'all', direction: 'asc' });
    expect(all.data.map((i) => i.number)).toEqual([1, 2, 3]);
    // labels: every listed label must be present, names compared case-insensitively
    const labelled = await octokit.rest.issues.listForRepo({
      ...repo,
      state: 'all',
      labels: 'digest,weekly',
    });
    expect(labelled.data.map((i) => i.title)).toEqual(['new digest']);
    const invalid = await failure(octokit.rest.issues.listForRepo({ ...repo, state: 'any' as 'all' }));
    expect(invalid.status).toBe(422);
  });

  it('paginates with Link headers on /repositories/{id}/… and serves those URLs', async () => {
    for (let i = 0; i < 5; i++) github.seedIssue('acme', 'summaries', { title: `t${i}`, labels: ['digest'] });
    const octokit = client();
    const first = await octokit.rest.issues.listForRepo({ ...repo, labels: 'digest', per_page: 2 });
    const base = `${github.url}/repositories/4242/issues`;
    expect(first.headers.link).toBe(
      `<${base}?labels=digest&per_page=2&page=2>; rel="next", <${base}?labels=digest&per_page=2&page=3>; rel="last"`,
    );
    const every = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      labels: 'digest',
      per_page: 2,
    });
    expect(every.map((i) => i.title)).toEqual(['t4', 't3', 't2', 't1', 't0']);
    expect(github.requests.map((r) => r.path)).toContain('/repositories/4242/issues');
    const unknown = await failure(octokit.request('GET /repositories/{id}/issues', { id: 99 }));
    expect(unknown.status).toBe(404);
  });

  it('gets and updates an issue: title, body, labels replaced, closed with closed_at', async () => {
    github.seedIssue('acme', 'summaries', { title: 'draft', labels: ['digest', 'stale'] });
    const octokit = client();
    const updated = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      title: 'final',
      body: 'done',
      labels: ['digest'],
      state: 'closed',
    });
    expect(updated.data).toMatchObject({
      title: 'final',
      body: 'done',
      state: 'closed',
      state_reason: 'completed',
    });
    expect(updated.data.closed_at).toEqual(expect.any(String));
    const got = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(got.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['digest']);
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', closed_at: null, state_reason: 'reopened' });
  });

  it('adds and removes labels on an issue; removing one it lacks is 404', async () => {
    github.seedIssue('acme', 'summaries', { title: 'x', labels: ['digest'] });
    const octokit = client();
    const added = await octokit.rest.issues.addLabels({
      ...repo,
      issue_number: 1,
      labels: ['Weekly', 'digest'],
    });
    expect(added.status).toBe(200);
    expect(added.data.map((l) => l.name)).toEqual(['digest', 'Weekly']);
    const removed = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'weekly' });
    expect(removed.data.map((l) => l.name)).toEqual(['digest']);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ['100% done'] });
    const spaced = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: '100% done' });
    expect(spaced.data.map((l) => l.name)).toEqual(['digest']);
    const malformed = await fetch(`${github.url}/repos/acme/summaries/issues/1/labels/%E0%A4%A`, {
      method: 'DELETE',
      headers: { authorization: `token ${TEST_TOKENS.write}` },
    });
    expect([malformed.status, ((await malformed.json()) as { message: string }).message]).toEqual([
      404,
      'Not Found',
    ]);
    const missing = await failure(
      octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: 'nope' }),
    );
    expect(missing).toMatchObject({ status: 404, data: { message: 'Label does not exist' } });
  });

  it('creates labels; a taken name (any case) or a bad colour is 422 with errors[]', async () => {
    const octokit = client();
    const created = await octokit.rest.issues.createLabel({
      ...repo,
      name: 'digest',
      color: 'A2EEEF',
      description: 'd',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'digest', color: 'A2EEEF', description: 'd', default: false });
    const taken = await failure(
      octokit.rest.issues.createLabel({ ...repo, name: 'Digest', color: '000000' }),
    );
    expect(taken).toEqual({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label',
        status: '422',
      },
    });
    const badColour = await failure(octokit.rest.issues.createLabel({ ...repo, name: 'x', color: '#fff' }));
    expect(badColour.data).toMatchObject({
      errors: [{ resource: 'Label', code: 'invalid', field: 'color' }],
    });
    const labels = await octokit.rest.issues.listLabelsForRepo(repo);
    expect(labels.data.map((l) => l.name)).toEqual(['digest']);
  });

  it('comments on issues; a missing issue or repository is 404, never an empty success', async () => {
    github.seedIssue('acme', 'summaries', { title: 'x' });
    const octokit = client();
    const made = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'hello' });
    expect(made.data.html_url).toMatch(/\/acme\/summaries\/issues\/1#issuecomment-\d+$/);
    expect(github.issue('acme', 'summaries', 1)?.comments).toBe(1);
    expect(
      (await failure(octokit.rest.issues.createComment({ ...repo, issue_number: 9, body: 'x' }))).status,
    ).toBe(404);
    expect((await failure(octokit.rest.issues.listComments({ ...repo, issue_number: 9 }))).status).toBe(404);
    const ghost = { owner: 'acme', repo: 'ghost' };
    expect((await failure(octokit.rest.issues.listForRepo(ghost))).status).toBe(404);
    expect((await failure(octokit.rest.issues.listComments({ ...ghost, issue_number: 1 }))).status).toBe(404);
    expect((await failure(octokit.rest.issues.create({ ...ghost, title: 't' }))).data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '404',
    });
  });

  it('stamps times from the given clock in GitHub’s format and filters by since', async () => {
    await github.close();
    let clock = new Date('2026-11-30T08:00:00.250Z');
    github = await startGitHubEmulator({ now: () => clock });
    github.seedRepo('acme', 'summaries');
    github.seedIssue('acme', 'summaries', { title: 'yesterday' });
    clock = new Date('2026-12-01T08:00:00.750Z');
    github.seedIssue('acme', 'summaries', { title: 'today' });
    const octokit = client();
    const all = await octokit.rest.issues.listForRepo(repo);
    expect(all.data.map((i) => [i.title, i.created_at])).toEqual([
      ['today', '2026-12-01T08:00:00Z'],
      ['yesterday', '2026-11-30T08:00:00Z'],
    ]);
    const recent = await octokit.rest.issues.listForRepo({ ...repo, since: '2026-12-01T08:00:00Z' });
    expect(recent.data.map((i) => i.title)).toEqual(['today']);
    expect((await failure(octokit.rest.issues.listForRepo({ ...repo, since: 'yesterday' }))).status).toBe(
      422,
    );
  });

  it('counts write attempts, including refused ones, and none for reads', async () => {
    github.seedIssue('acme', 'summaries', { title: 'x' });
    await client().rest.issues.listForRepo(repo);
    await client().rest.issues.get({ ...repo, issue_number: 1 });
    expect(github.writes()).toEqual([]);
    expect(
      (await failure(client(TEST_TOKENS.readOnly).rest.issues.create({ ...repo, title: 'y' }))).status,
    ).toBe(403);
    expect(github.writes().map((w) => [w.method, w.path, w.status])).toEqual([
      ['POST', '/repos/acme/summaries/issues', 403],
    ]);
    expect(github.issues('acme', 'summaries')).toHaveLength(1);
  });
});

describe('GitHub emulator: rate limits', () => {
  it('answers the primary limit with x-ratelimit-remaining 0 and a reset time, then recovers', async () => {
    github.exhaustRateLimit({ status: 403, resetInSeconds: 30 });
    const refused = await failure(client().rest.issues.listForRepo(repo));
    expect(refused.status).toBe(403);
    expect((refused.data as { message: string }).message).toMatch(/^API rate limit exceeded/);
    const last = github.requests.at(-1);
    expect(last?.status).toBe(403);
    const ok = await client().rest.issues.listForRepo(repo);
    expect(ok.headers['x-ratelimit-remaining']).toBe('4999');
  });

  it('refuses with x-ratelimit headers the throttling plugin reads; 429 works the same', async () => {
    github.exhaustRateLimit({ status: 429, resetInSeconds: 1, requests: 1 });
    let seen: Record<string, string | number | undefined> = {};
    const probe = client();
    probe.hook.error('request', (error) => {
      seen = (error as { response?: { headers: Record<string, string> } }).response?.headers ?? {};
      throw error;
    });
    expect((await failure(probe.rest.issues.listForRepo(repo))).status).toBe(429);
    expect(seen['x-ratelimit-remaining']).toBe('0');
    expect(Number(seen['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
    // With the throttling plugin on, a refused read waits for the reset and succeeds.
    github.exhaustRateLimit({ status: 403, resetInSeconds: 0, requests: 1 });
    const retried = await client(TEST_TOKENS.write, { throttle: true }).rest.issues.listForRepo(repo);
    expect(retried.status).toBe(200);
    expect(github.requests.slice(-2).map((r) => r.status)).toEqual([403, 200]);
  });

  it('refuses every request once rateLimit requests are used', async () => {
    await github.close();
    github = await startGitHubEmulator({ rateLimit: 2 });
    github.seedRepo('acme', 'summaries');
    await client().rest.issues.listForRepo(repo);
    const second = await client().rest.issues.listForRepo(repo);
    expect(second.headers['x-ratelimit-remaining']).toBe('0');
    expect((await failure(client().rest.issues.listForRepo(repo))).status).toBe(403);
  });

  it('answers a secondary limit with retry-after on the matching requests only', async () => {
    github.secondaryRateLimit({ method: 'GET', path: /\/labels$/, retryAfter: 7 });
    await client().rest.issues.listForRepo(repo);
    const refused = await failure(client().rest.issues.listLabelsForRepo(repo));
    expect(refused.status).toBe(403);
    expect((refused.data as { message: string }).message).toMatch(/secondary rate limit/);
    github.secondaryRateLimit({ method: 'GET', path: /\/labels$/, retryAfter: 7 });
    const retried = await client(TEST_TOKENS.write, { throttle: true }).rest.issues.listLabelsForRepo(repo);
    expect(retried.status).toBe(200);
    expect(github.requests.slice(-2).map((r) => r.status)).toEqual([403, 200]);
  });
});
