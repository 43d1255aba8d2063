import { describe, expect, it } from 'vitest';
import { workflowRunFromEvent } from '#lib/github/eval-artifact';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import {
  FORK_HEAD,
  forkPullRequest,
  pushToMain,
  runOfForkPullRequest,
  runOfSameRepoPullRequest,
  sameRepoPullRequest,
} from '../../fixtures/github/events';
import { missingWebhookKeys, webhookExample } from '../../harness/webhook-events';
import { runAction } from '../../harness/run-action';

const keys = (value: unknown): string[] => Object.keys(value as object).sort();

describe('event payloads derived from @octokit/webhooks-examples', () => {
  it('keep the real payloads’ shape: every key of the example, at the top and inside the PR / run', () => {
    const pr = sameRepoPullRequest().payload;
    const realPr = webhookExample('pull_request', (e) => e.action === 'opened');
    expect(keys(pr)).toEqual(keys(realPr));
    expect(keys(pr.pull_request)).toEqual(keys(realPr.pull_request));
    const run = runOfSameRepoPullRequest().payload;
    const realRun = webhookExample(
      'workflow_run',
      (e) =>
        e.action === 'completed' && (e.workflow_run as { pull_requests: unknown[] }).pull_requests.length > 0,
    );
    expect(keys(run)).toEqual(keys(realRun));
    expect(keys(run.workflow_run)).toEqual(keys(realRun.workflow_run));
    expect(keys(pushToMain().payload)).toEqual(
      keys(webhookExample('push', (e) => e.ref === 'refs/heads/master')),
    );
  });

  it('name only the test repository: no URL or full_name of the example repositories is left', () => {
    for (const event of [
      sameRepoPullRequest(),
      forkPullRequest(),
      runOfSameRepoPullRequest(),
      pushToMain(),
    ]) {
      const text = JSON.stringify(event.payload);
      expect(text).not.toMatch(/Codertocat\/Hello-World|octo-org\/octo-repo/);
      expect(text).toContain('https://api.github.com/repos/acme/summaries');
    }
    const pr = sameRepoPullRequest(31).payload as {
      number: number;
      pull_request: { url: string; html_url: string };
    };
    expect(pr.number).toBe(31);
    expect(pr.pull_request.url).toBe('https://api.github.com/repos/acme/summaries/pulls/31');
    expect(pr.pull_request.html_url).toBe('https://github.com/acme/summaries/pull/31');
  });

  it('are read by the project as the PRs and runs they describe', () => {
    expect(pullRequestFromEvent('pull_request', sameRepoPullRequest().payload)).toEqual({
      number: 17,
      headSha: 'feedface00000000000000000000000000000017',
      headRepo: 'acme/summaries',
      baseRepo: 'acme/summaries',
      isFork: false,
    });
    expect(pullRequestFromEvent('pull_request', forkPullRequest().payload)).toEqual({
      number: 23,
      headSha: FORK_HEAD,
      headRepo: 'outside-dev/summaries',
      baseRepo: 'acme/summaries',
      isFork: true,
    });
    const fork = forkPullRequest().payload as { pull_request: { head: { repo: { fork: boolean } } } };
    expect(fork.pull_request.head.repo.fork).toBe(true);
    expect(workflowRunFromEvent(runOfSameRepoPullRequest().payload)).toEqual({
      headSha: 'feedface00000000000000000000000000000017',
      pullRequests: [17],
    });
    expect(workflowRunFromEvent(runOfForkPullRequest().payload)).toEqual({
      headSha: FORK_HEAD,
      pullRequests: [],
    });
    const run = runOfForkPullRequest().payload as {
      workflow_run: { head_repository: { full_name: string }; html_url: string };
    };
    expect(run.workflow_run.head_repository.full_name).toBe('outside-dev/summaries');
    expect(run.workflow_run.html_url).toBe('https://github.com/acme/summaries/actions/runs/8800023');
  });

  it('are fresh copies each time', () => {
    const a = sameRepoPullRequest().payload as { number: number };
    a.number = 99;
    expect((sameRepoPullRequest().payload as { number: number }).number).toBe(17);
  });

  it('hand-written payloads are refused by the harness, naming what they lack', async () => {
    expect(missingWebhookKeys('pull_request', sameRepoPullRequest().payload)).toEqual([]);
    expect(missingWebhookKeys('workflow_run', runOfForkPullRequest().payload)).toEqual([]);
    expect(missingWebhookKeys('push', pushToMain().payload)).toEqual([]);
    expect(missingWebhookKeys('workflow_dispatch', {})).toEqual([]);
    expect(missingWebhookKeys('push', {})).toContain('head_commit');
    const thin = { action: 'opened', number: 1, pull_request: { number: 1, head: {}, base: {} } };
    expect(missingWebhookKeys('pull_request', thin)).toEqual(
      expect.arrayContaining(['repository', 'pull_request.user']),
    );
    await expect(runAction('comment', { event: { name: 'pull_request', payload: thin } })).rejects.toThrow(
      /the pull_request payload lacks repository, sender, .*@octokit\/webhooks-examples/,
    );
  });
});
