/**
 * The actions' advice for GitHub failures, per status: the library error says what happened, the action adds what
 * its user changes (the github-token input, the job's permissions, pr-number); "later" only where waiting can help
 * (rate limits, 5xx).
 */
import { describe, expect, it } from 'vitest';
import { commentHint } from '../../../actions/comment/src/error-hints';
import { evaluateHint } from '../../../actions/evaluate/src/error-hints';
import { describeActionError } from '#action-support/error-hints';
import { explainGitHubError } from '#lib/github/errors';

/** The shape of an Octokit RequestError (status, response.data, response.headers, request). */
function requestError(status: number, data: unknown, headers: Record<string, string> = {}, method = 'POST') {
  return Object.assign(new Error(`HTTP ${status}`), {
    status,
    response: {
      status,
      url: 'https://api.github.com/repos/acme/summaries/issues/17/comments',
      headers,
      data,
    },
    request: { method, url: 'https://api.github.com/repos/acme/summaries/issues/17/comments', headers: {} },
  });
}

const explain = (status: number, data: unknown, headers?: Record<string, string>) =>
  explainGitHubError(requestError(status, data, headers), 'the comments of acme/summaries#17');

describe.each([
  ['evaluate', evaluateHint],
  ['comment', commentHint],
])('%s action: GitHub advice by status', (_, hint) => {
  it('401: the github-token input', () => {
    const text = describeActionError(explain(401, { message: 'Bad credentials' }), hint);
    expect(text).toMatch(
      /401 "Bad credentials"; the token is missing, expired or revoked; check the github-token input/,
    );
    expect(text).not.toMatch(/later/);
  });

  it('403: the job permission that is missing, by name', () => {
    const text = describeActionError(
      explain(
        403,
        { message: 'Resource not accessible by integration' },
        { 'x-accepted-github-permissions': 'pull_requests=write' },
      ),
      hint,
    );
    expect(text).toMatch(
      /the token lacks "pull-requests: write".*; grant the job pull-requests: write in its permissions, or pass a github-token that has it\.$/,
    );
    expect(text).not.toMatch(/later/);
  });

  it('403 rate limit: later, after the reset, and no permission talk', () => {
    const text = describeActionError(
      explain(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' },
      ),
      hint,
    );
    expect(text).toMatch(/resets at 17:46 UTC; try again after that\.$/);
    expect(text).not.toMatch(/permission|lacks/);
  });

  it('422: the errors[] detail, and no "later"', () => {
    const text = describeActionError(
      explain(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'invalid', field: 'color' }],
      }),
      hint,
    );
    expect(text).toBe(
      'GitHub request for the comments of acme/summaries#17 failed with 422 "Validation Failed": Label.color invalid; correct the fields named.',
    );
  });

  it('429 and 5xx: try again later, and nothing the action could add', () => {
    expect(describeActionError(explain(429, { message: 'Too Many Requests' }), hint)).toMatch(
      /rate limit was hit; try again later\.$/,
    );
    expect(describeActionError(explain(503, { message: 'Service Unavailable' }), hint)).toMatch(
      /503 "Service Unavailable"; GitHub failed on its side; try again later\.$/,
    );
  });
});

describe("404 advice is the entry's own", () => {
  it('the comment action points at its pr-number inputs; no "later" anywhere', () => {
    const notFound = explain(404, { message: 'Not Found' });
    const comment = describeActionError(notFound, commentHint);
    expect(comment).toMatch(
      /404 "Not Found"; it does not exist, or the token cannot see it.*; check that pr-number \/ pr-number-path names a PR of this repository\.$/,
    );
    expect(describeActionError(notFound, evaluateHint)).not.toMatch(/pr-number|later/);
  });
});
