import { describe, expect, it } from 'vitest';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import { forkPullRequest, sameRepoPullRequest } from '../../fixtures/github/events';

describe('pullRequestFromEvent', () => {
  it('reads a same-repository pull_request payload', () => {
    expect(pullRequestFromEvent('pull_request', sameRepoPullRequest().payload)).toEqual({
      number: 17,
      headSha: 'feedface00000000000000000000000000000017',
      headRepo: 'acme/summaries',
      baseRepo: 'acme/summaries',
      isFork: false,
    });
  });

  it('flags a fork PR, and a PR whose fork was deleted', () => {
    expect(pullRequestFromEvent('pull_request', forkPullRequest().payload)?.isFork).toBe(true);
    const orphan = forkPullRequest().payload as { pull_request: { head: { repo: unknown } } };
    orphan.pull_request.head.repo = null;
    expect(pullRequestFromEvent('pull_request', orphan)).toMatchObject({
      number: 23,
      isFork: true,
      headRepo: '',
    });
  });

  it('returns undefined for other events or payloads without a PR', () => {
    expect(pullRequestFromEvent('push', sameRepoPullRequest().payload)).toBeUndefined();
    expect(pullRequestFromEvent('pull_request', {})).toBeUndefined();
    expect(pullRequestFromEvent('pull_request', null)).toBeUndefined();
  });
});
