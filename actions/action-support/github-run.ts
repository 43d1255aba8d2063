import * as github from '@actions/github';
import { pullRequestFromEvent } from '#lib/github/pull-request-event';
import type { RunContext } from './job';

/** This workflow run, from @actions/github's context and GITHUB_WORKSPACE. */
export function currentRun(): RunContext {
  const { context } = github;
  const { owner, repo } = context.repo;
  const pullRequest = pullRequestFromEvent(context.eventName, context.payload);
  return {
    workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    owner,
    repo,
    serverUrl: context.serverUrl,
    apiUrl: context.apiUrl,
    sha: context.sha,
    eventName: context.eventName,
    payload: context.payload,
    ...(pullRequest ? { pullRequest } : {}),
    runUrl: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`,
  };
}
