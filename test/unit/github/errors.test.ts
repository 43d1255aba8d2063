/**
 * GitHub failures as a real Octokit (createOctokit, retries off) raises them, from canned answers shaped like
 * GitHub's documented error bodies (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 * and .../rate-limits-for-the-rest-api): each status gets the advice that fits it, and 422 shows errors[].
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GitHubAuthError,
  GitHubNotFoundError,
  GitHubRateLimitError,
  GitHubRequestError,
  GitHubValidationError,
  GitHubWriteForbiddenError,
  explainGitHubError,
  permissionForRoute,
} from '#lib/github/errors';
import { createOctokit } from '#lib/github/octokit';
import { closeServer, listenOnLoopback } from '../../emulators/http';
import { recordingLogger } from '../../harness/fakes';

interface Canned {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const RESET = 1_900_000_000; // 2030-03-17T17:46:40Z
let server: Server;
let baseUrl: string;
let canned: Canned;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
    res.end(JSON.stringify(canned.body));
  });
  baseUrl = await listenOnLoopback(server);
});
afterAll(() => closeServer(server));

/** POSTs a comment (or labels an issue) through the project's Octokit and returns the explained error. */
async function failWith(answer: Canned, route: 'comment' | 'label' = 'comment'): Promise<Error> {
  canned = answer;
  const octokit = createOctokit({
    token: 'ghs_test',
    baseUrl,
    logger: recordingLogger(),
    throttle: false,
    retries: 0,
  });
  try {
    if (route === 'label') {
      await octokit.rest.issues.createLabel({ owner: 'acme', repo: 'summaries', name: 'x', color: 'nope' });
    } else {
      await octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'summaries',
        issue_number: 17,
        body: 'x',
      });
    }
  } catch (error) {
    const explained = explainGitHubError(error, 'acme/summaries#17');
    if (explained instanceof Error) return explained;
  }
  throw new Error('expected the request to fail');
}

describe('explainGitHubError: advice that fits the status', () => {
  it('422 shows the errors[] detail and says what was invalid, not "later"', async () => {
    const error = await failWith(
      {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'invalid', field: 'color' }],
          documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label',
        },
      },
      'label',
    );
    expect(error).toBeInstanceOf(GitHubValidationError);
    expect(error.message).toBe(
      'GitHub request for acme/summaries#17 failed with 422 "Validation Failed": Label.color invalid; correct the fields named.',
    );
    expect((error as GitHubValidationError).details).toEqual([
      { resource: 'Label', code: 'invalid', field: 'color' },
    ]);
    expect(error.message).not.toMatch(/later/);
  });

  it('422 with a custom message, several entries and string entries keeps them all, bounded', async () => {
    const error = await failWith({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
          'plain string entry',
          ...Array.from({ length: 20 }, (_, i) => ({
            resource: 'Issue',
            field: `f${i}`,
            code: 'missing_field',
          })),
        ],
      },
    });
    expect(error.message).toContain(
      ': IssueComment.body body is too long (maximum is 65536 characters); plain string entry; Issue.f0 missing_field;',
    );
    expect((error as GitHubValidationError).details).toHaveLength(5);
    expect(error.message).not.toContain('f5');
  });

  it('401 blames the token', async () => {
    const error = await failWith({ status: 401, body: { message: 'Bad credentials' } });
    expect(error).toBeInstanceOf(GitHubAuthError);
    expect(error.message).toMatch(/401 "Bad credentials"; the token is missing, expired or revoked\.$/);
    expect(error.message).not.toMatch(/later|github-token/);
  });

  it('403 names the missing permission from x-accepted-github-permissions', async () => {
    const error = await failWith({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' },
    });
    expect(error).toBeInstanceOf(GitHubWriteForbiddenError);
    expect((error as GitHubWriteForbiddenError).permission).toBe('issues: write or pull-requests: write');
    expect(error.message).toMatch(
      /403 "Resource not accessible by integration"; the token lacks "issues: write or pull-requests: write"/,
    );
    expect(error.message).not.toMatch(/later/);
  });

  it('403 without the header names the permission of the route', async () => {
    const error = await failWith({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    expect((error as GitHubWriteForbiddenError).permission).toBe(
      'pull-requests: write (issues: write on issues)',
    );
    expect(permissionForRoute('GET', 'https://api.github.com/repos/a/b/actions/runs/1')).toBe(
      'actions: read',
    );
    expect(permissionForRoute('POST', 'https://api.github.com/repos/a/b/labels')).toBe('issues: write');
    expect(permissionForRoute('GET', 'https://api.github.com/repos/a/b/pulls/3')).toBe('pull-requests: read');
  });

  it('a rate-limited 403 (x-ratelimit-remaining: 0) says when to try again, not which permission', async () => {
    const error = await failWith({
      status: 403,
      body: { message: 'API rate limit exceeded for installation ID 1.' },
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(RESET) },
    });
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect((error as GitHubRateLimitError).resetAt?.toISOString()).toBe('2030-03-17T17:46:40.000Z');
    expect(error.message).toMatch(/resets at 17:46 UTC; try again after that\.$/);
    expect(error.message).not.toMatch(/lacks/);
  });

  it('429 is a rate limit too', async () => {
    const error = await failWith({ status: 429, body: { message: 'Too Many Requests' } });
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error.message).toMatch(/try again later\.$/);
  });

  it('404 says what was not found and that a private repository looks the same', async () => {
    const error = await failWith({ status: 404, body: { message: 'Not Found' } });
    expect(error).toBeInstanceOf(GitHubNotFoundError);
    expect(error.message).toMatch(
      /^GitHub request for acme\/summaries#17 failed with 404 "Not Found"; it does not exist, or the token cannot see it/,
    );
    expect(error.message).not.toMatch(/later/);
  });

  it('5xx is the only other status worth trying later', async () => {
    const error = await failWith({ status: 502, body: { message: 'Server Error' } });
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect(error.message).toMatch(/502 "Server Error"; GitHub failed on its side; try again later\.$/);
    const conflict = await failWith({ status: 409, body: { message: 'Conflict' } });
    expect(conflict).toBeInstanceOf(GitHubRequestError);
    expect(conflict.message).not.toMatch(/later/);
  });

  it('errors that are not GitHub answers pass through unchanged', () => {
    const plain = new Error('boom');
    expect(explainGitHubError(plain, 'x')).toBe(plain);
  });
});
