import type { Logger } from '#lib/log';
import type { PullRequestRef } from '#lib/github/pull-request-event';

/**
 * The shapes between an action's `main.ts` and the job it runs. A job takes plain data (its validated inputs, the
 * run it is part of, a log) and returns what to publish, so it runs and is tested without @actions/core.
 */

/** The library's Logger plus the runner's notices (a yellow-free annotation for "nothing wrong, but note this"). */
export interface ActionLog extends Logger {
  notice(message: string): void;
}

/** The workflow run an action runs in: github.context and GITHUB_WORKSPACE, as plain data. */
export interface RunContext {
  /** Where relative input paths resolve (GITHUB_WORKSPACE, else the working directory). */
  workspace: string;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  /** GITHUB_SHA: on pull_request events a temporary merge commit. */
  sha: string;
  eventName: string;
  payload: unknown;
  /** The pull request the event is about, if any. */
  pullRequest?: PullRequestRef;
  /** This run's page, for links in reports and commit messages. */
  runUrl: string;
}

/** A log group: a title and its lines, folded in the job log. */
export interface LogGroup {
  title: string;
  lines: string[];
}

/** What a job hands back for its action to publish. */
export interface ActionOutcome {
  /** Every output the action sets, by its action.yml name. */
  outputs: Record<string, string>;
  /** Markdown appended to the job summary. */
  summary?: string;
  /** Printed to the job log after the summary (e.g. the tail of a build log). */
  group?: LogGroup;
  /** A failure to report after everything else is published; the job still counts as done. */
  failure?: string;
  /** Warnings, published before the verdict (a failed URL each; a regression when fail-on-regression is false). */
  warnings?: string[];
  /** An error raised after the rest was ready (e.g. posting a comment): published first, then reported. */
  error?: unknown;
}

/** The commit reviewers recognise: a PR's head rather than GitHub's temporary merge commit. */
export function headSha(run: RunContext): string {
  return run.pullRequest?.headSha || run.sha;
}
