import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/github/${name}`, import.meta.url), 'utf8'));

describe('pullRequestFromEvent', () => {
  it('reads a same-repository pull_request payload', () => {
    expect(pullRequestFromEvent('pull_request', fixture('pull_request.opened.json'))).toEqual({
      number: 17,
      headSha: 'feedface00000000000000000000000000000017',
      headRepo: 'acme/summaries',
      baseRepo: 'acme/summaries',
      isFork: false,
    });
  });

  it('flags a fork PR, and a PR whose fork was deleted', () => {
    expect(pullRequestFromEvent('pull_request', fixture('pull_request.fork.json'))?.isFork).toBe(true);
    const orphan = fixture('pull_request.fork.json') as { pull_request: { head: { repo: unknown } } };
    orphan.pull_request.head.repo = null;
    expect(pullRequestFromEvent('pull_request', orphan)).toMatchObject({
      number: 23,
      isFork: true,
      headRepo: '',
    });
  });

  it('returns undefined for other events or payloads without a PR', () => {
    expect(pullRequestFromEvent('push', fixture('pull_request.opened.json'))).toBeUndefined();
    expect(pullRequestFromEvent('pull_request', {})).toBeUndefined();
    expect(pullRequestFromEvent('pull_request', null)).toBeUndefined();
  });
});
