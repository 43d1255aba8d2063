/**
 * Replays responses recorded from api.github.com (`@octokit/fixtures`, scenarios/api.github.com/*) through the
 * project's Octokit, and holds the emulator's answers to the same requests beside them. The package records no
 * issue-comment scenario; paginate-issues, add-labels-to-issue, labels and errors cover pagination, issues,
 * labels and a 422.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '#lib/github/octokit';
import type { GitHubClient } from '#lib/github/octokit';
import { silentLogger } from '#lib/log';
import { TEST_TOKENS, startGitHubEmulator } from '../../emulators/github';
import type { GitHubEmulator } from '../../emulators/github';

interface Recorded {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
}

const require = createRequire(import.meta.url);
const scenario = (name: string): Recorded[] =>
  JSON.parse(
    readFileSync(
      require.resolve(`@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`),
      'utf8',
    ),
  ) as Recorded[];

/** A fetch that answers the recorded exchanges in order and fails on any request that differs from them. */
function replay(recorded: Recorded[]): { fetch: typeof fetch; served: () => number } {
  let next = 0;
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const expected = recorded[next];
    const method = (init?.method ?? 'GET').toLowerCase();
    const same =
      expected?.method === method &&
      url.hostname === 'api.github.com' &&
      `${url.pathname}${url.search}` === expected.path;
    if (!expected || !same) {
      throw new Error(
        `unexpected ${method} ${url.href}; recorded next: ${expected?.method} ${expected?.path}`,
      );
    }
    if (expected.body !== undefined && expected.body !== '') {
      expect(JSON.parse(typeof init?.body === 'string' ? init.body : 'null')).toEqual(expected.body);
    }
    next += 1;
    const headers = new Headers(Object.entries(expected.headers).map(([k, v]) => [k, String(v)]));
    headers.delete('content-length');
    const body = expected.response === '' ? null : JSON.stringify(expected.response);
    return Promise.resolve(new Response(body, { status: expected.status, headers }));
  };
  return { fetch: fetchImpl, served: () => next };
}

const recordedClient = (fetchImpl: typeof fetch): GitHubClient =>
  createOctokit({
    token: '0000000000000000000000000000000000000001',
    baseUrl: 'https://api.github.com',
    logger: silentLogger,
    throttle: false,
    retries: 0,
    fetch: fetchImpl,
  });

let github: GitHubEmulator;
const emulated = (): GitHubClient =>
  createOctokit({
    token: TEST_TOKENS.user,
    baseUrl: github.url,
    logger: silentLogger,
    throttle: false,
    retries: 0,
  });

beforeEach(async () => {
  github = await startGitHubEmulator();
});
afterEach(async () => {
  await github.close();
});

const keys = (value: unknown): string[] => Object.keys(value as object).sort();

describe('@octokit/fixtures recorded from api.github.com', () => {
  it('paginate-issues: the project Octokit follows /repositories/{id} links; the emulator sends the same links', async () => {
    const recorded = scenario('paginate-issues');
    const { fetch: fetchImpl, served } = replay(recorded);
    const octokit = recordedClient(fetchImpl);
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'octokit-fixture-org',
      repo: 'paginate-issues',
      per_page: 3,
    });
    expect(served()).toBe(recorded.length);
    expect(issues.map((i) => i.number)).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

    github.seedRepo('octokit-fixture-org', 'paginate-issues', { id: 1000 });
    for (let n = 1; n <= 13; n++)
      github.seedIssue('octokit-fixture-org', 'paginate-issues', { title: `Test issue ${n}` });
    for (const exchange of recorded) {
      const answer = await emulated().request(`GET ${exchange.path}`);
      expect(answer.headers.link?.replaceAll(github.url, 'https://api.github.com')).toBe(
        exchange.headers.link,
      );
      const real = exchange.response as { number: number; title: string }[];
      expect(answer.data).toHaveLength(real.length);
      expect((answer.data as { number: number }[]).map((i) => i.number)).toEqual(real.map((i) => i.number));
      // Every field the real answer has, the emulator's has too.
      expect(keys(real[0]).filter((k) => !keys((answer.data as unknown[])[0]).includes(k))).toEqual([]);
    }
  });

  it('add-labels-to-issue: same statuses, fields and label objects (names keep their case, colour ededed)', async () => {
    const recorded = scenario('add-labels-to-issue');
    const { fetch: fetchImpl } = replay(recorded);
    const where = { owner: 'octokit-fixture-org', repo: 'add-labels-to-issue' };
    const real = recordedClient(fetchImpl);
    const realIssue = await real.rest.issues.create({ ...where, title: 'Issue without a label' });
    const realLabels = await real.rest.issues.addLabels({
      ...where,
      issue_number: 1,
      labels: ['Foo', 'bAr', 'baZ'],
    });

    github.seedRepo(where.owner, where.repo);
    const ours = emulated();
    const issue = await ours.rest.issues.create({ ...where, title: 'Issue without a label' });
    const labels = await ours.rest.issues.addLabels({
      ...where,
      issue_number: 1,
      labels: ['Foo', 'bAr', 'baZ'],
    });
    expect([issue.status, labels.status]).toEqual([realIssue.status, realLabels.status]);
    expect(keys(realIssue.data).filter((k) => !keys(issue.data).includes(k))).toEqual([]);
    const pick = (l: {
      name: string;
      color?: string | null;
      default?: boolean;
      description?: string | null;
    }) => [l.name, l.color, l.default, l.description];
    expect(labels.data.map(pick)).toEqual(realLabels.data.map(pick));
    expect(labels.data[0]?.url).toBe(`${github.url}/repos/${where.owner}/${where.repo}/labels/Foo`);
  });

  it('labels: list and create answer like GitHub', async () => {
    const recorded = scenario('labels').slice(0, 2);
    const { fetch: fetchImpl } = replay(recorded);
    const where = { owner: 'octokit-fixture-org', repo: 'labels' };
    const real = recordedClient(fetchImpl);
    const realList = await real.rest.issues.listLabelsForRepo(where);
    const realCreated = await real.rest.issues.createLabel({ ...where, name: 'test-label', color: '663399' });

    github.seedRepo(where.owner, where.repo);
    const ours = emulated();
    const created = await ours.rest.issues.createLabel({ ...where, name: 'test-label', color: '663399' });
    const list = await ours.rest.issues.listLabelsForRepo(where);
    expect(created.status).toBe(realCreated.status);
    expect({ ...created.data, id: 0, node_id: '', url: '' }).toEqual({
      ...realCreated.data,
      id: 0,
      node_id: '',
      url: '',
    });
    expect(keys(list.data[0])).toEqual(keys(realList.data[0]));
  });

  it('errors: an invalid label colour is the same 422 with errors[], which Octokit hands to the project intact', async () => {
    const [recorded] = scenario('errors');
    const { fetch: fetchImpl } = replay(recorded ? [recorded] : []);
    const where = { owner: 'octokit-fixture-org', repo: 'errors' };
    const failure = async (client: GitHubClient) =>
      client.rest.issues.createLabel({ ...where, name: 'foo', color: 'invalid' }).then(
        () => {
          throw new Error('expected 422');
        },
        (error: { status: number; response: { data: Record<string, unknown> } }) => error,
      );
    const real = await failure(recordedClient(fetchImpl));
    github.seedRepo(where.owner, where.repo);
    const ours = await failure(emulated());
    expect(ours.status).toBe(real.status);
    const { documentation_url: _a, status: _s, ...ourBody } = ours.response.data;
    const { documentation_url: _b, ...realBody } = real.response.data;
    expect(ourBody).toEqual(realBody);
  });
});
