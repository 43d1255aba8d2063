import type { ConfigProvider } from '#lib/config/index';
import type { GitHubClient } from '#lib/github/octokit';
import type { Document } from '#lib/ingest/document';
import type { FetchedBody } from '#lib/ingest/fetch-url';
import type { Clock, Logger } from '#lib/log';
import type { Summarizer } from '#lib/summarize/types';
import type { Gate } from './loaders';
import type { DigestMarker } from './marker';

/** One page to keep an issue for. */
export interface DigestTarget {
  /** As the config or the feed gave it. */
  url: string;
  /** normalizeUrl(url): the issue's identity. */
  key: string;
  labels: string[];
  provider: ConfigProvider;
  sentences: number;
  title?: string;
  /** The feed this item came from; feed items are not re-fetched once they have an issue. */
  feed?: string;
}

export interface FeedSource {
  url: string;
  maxAgeMs: number;
  maxItems: number;
  labels: string[];
  provider: ConfigProvider;
  sentences: number;
}

export type DigestStatus = 'created' | 'updated' | 'unchanged' | 'drifted' | 'gone' | 'failed';

export interface DigestResult {
  url: string;
  status: DigestStatus;
  issue: number | null;
  reason?: string;
  /** Created or updated (or would be, in a dry run): the new summary, for the job summary. */
  summary?: { title: string; text: string };
}

export interface DigestDeps {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** Fetches one page with this run's guarded fetch and limits, the request itself inside `gate`. */
  fetchPage(url: string, gate: Gate): Promise<FetchedBody>;
  /** The fetched page as a Document (ingest's extraction). */
  extract(url: string, fetched: FetchedBody): Promise<Document>;
  /** A feed's text, size-bounded. */
  fetchFeed(url: string): Promise<string>;
  summarizer(provider: ConfigProvider): Promise<Summarizer>;
  clock: Clock;
  logger: Logger;
}

export interface DigestOptions {
  targets: DigestTarget[];
  feeds: FeedSource[];
  dryRun: boolean;
  /** Requests in flight overall; one per host at a time regardless. */
  concurrency: number;
  /** Pages processed this run, feed items included; the rest wait for the next run. */
  maxItems: number;
  assignees: string[];
  closeWhenGone: boolean;
  /** Summaries from space/openai scoring below this faithfulness get the low-faithfulness label. */
  faithfulnessFloor: number;
  /**
   * Turns a failure into the reason shown beside its URL; entries add their own hints here. Default: the message
   * without the URL when the error names it (messageAfter), since the URL is printed already.
   */
  describeError?: (error: unknown, url: string) => string;
}

export interface DigestRun {
  results: DigestResult[];
  /** Targets left for a later run because of max-items. */
  deferred: number;
}

/** A digest issue found by the listing: its number, state, body, marker and labels. */
export interface ExistingIssue {
  number: number;
  state: string;
  body: string;
  marker: DigestMarker;
  labels: string[];
}
