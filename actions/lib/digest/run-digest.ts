import { setImmediate as nextTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { errorMessage } from '#lib/errors';
import type { Document } from '#lib/ingest/document';
import type { FetchedBody } from '#lib/ingest/fetch-url';
import { HttpStatusError, NoReadableTextError } from '#lib/ingest/errors';
import { explainGitHubError } from '#lib/github/errors';
import type { GitHubClient } from '#lib/github/octokit';
import type { Clock, Logger } from '#lib/log';
import type { ConfigProvider } from '#lib/config/index';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer } from '#lib/summarize/types';
import { driftSignal, JAVASCRIPT_SHELL_SIGNAL } from './drift';
import { checkFaithfulness, LOW_FAITHFULNESS_LABEL } from './faithfulness';
import { createHostScheduler } from './host-scheduler';
import type { Gate } from './loaders';
import type { DigestMarker } from './marker';
import { bodyHash, contentHash, parseMarker } from './marker';
import { normalizeUrl } from './normalize-url';
import {
  driftComment,
  goneComment,
  plainTitle,
  renderIssueBody,
  replaceMarker,
  updatedComment,
} from './render-issue';
import type { DigestTarget, FeedSource } from './targets';

const loadFeedParser = () => import('./feeds');

/** Every digest issue carries it; existing issues are listed by it (the search API lags, listing does not). */
const DIGEST_LABEL = 'sumops-digest';
const DRIFT_LABEL = 'drift';

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
  /** Turns a failure into the reason shown for its URL; entries add their own hints here. */
  describeError?: (error: unknown) => string;
}

export interface DigestRun {
  results: DigestResult[];
  /** Targets left for a later run because of max-items. */
  deferred: number;
}

interface ExistingIssue {
  number: number;
  state: string;
  body: string;
  marker: DigestMarker;
  labels: string[];
}

/**
 * One digest run: list the digest issues once, expand feeds, then for every page load it (politely), compare its
 * content hash with the issue's marker and create, update, flag drift or gone, or do nothing. One page failing
 * never stops the others; GitHub writes go one at a time, as GitHub asks of content-creating requests.
 */
export async function runDigest(deps: DigestDeps, options: DigestOptions): Promise<DigestRun> {
  const { octokit, owner, repo, logger } = deps;
  const describe = options.describeError ?? errorMessage;
  // Listing runs alongside the first fetches (which need no listing); every decision waits for it, so a failed
  // listing fails the run before anything is written.
  const listing = listDigestIssues(deps);
  listing.catch(() => undefined);
  const schedule = createHostScheduler(options.concurrency);
  const results: DigestResult[] = [];

  const targets = [...options.targets];
  const known = new Set(targets.map((t) => t.key));
  // The feed parser is loaded only by runs that have feeds.
  let feedParser: ReturnType<typeof loadFeedParser> | undefined;
  await Promise.all(
    options.feeds.map(async (feed) => {
      try {
        const text = await schedule(feed.url, () => deps.fetchFeed(feed.url));
        const { feedItems } = await (feedParser ??= loadFeedParser());
        for (const item of feedItems(feed.url, text, {
          now: deps.clock.now(),
          maxAgeMs: feed.maxAgeMs,
          maxItems: feed.maxItems,
        })) {
          const key = normalizeUrl(item.url);
          if (!key || known.has(key)) continue;
          known.add(key);
          targets.push({
            url: item.url,
            key,
            labels: feed.labels,
            provider: feed.provider,
            sentences: feed.sentences,
            feed: feed.url,
            ...(item.title.trim() ? { title: item.title } : {}),
          });
        }
      } catch (error) {
        results.push({ url: feed.url, status: 'failed', issue: null, reason: describe(error) });
      }
    }),
  );

  const run = targets.slice(0, options.maxItems);
  const deferred = targets.length - run.length;
  if (deferred > 0) logger.warn(`max-items is ${options.maxItems}: ${deferred} pages wait for the next run`);
  // Extraction is CPU work on the thread that also moves every request. One page at a time, each after a turn of
  // the event loop: a response that arrives meanwhile frees its host's slot (starting that host's next request)
  // after at most one page's extraction, not after a whole round's.
  const cpu = pLimit(1);
  const extract = (target: DigestTarget, fetched: FetchedBody): Promise<Document> =>
    cpu(async () => {
      await nextTurn();
      return deps.extract(target.url, fetched);
    });
  const write = pLimit(1);
  const gh = <T>(what: string, task: () => Promise<T>): Promise<T> =>
    write(async () => {
      try {
        return await task();
      } catch (error) {
        throw explainGitHubError(error, what);
      }
    });

  const comment = (issueNumber: number, body: string) =>
    gh(`the comments of ${owner}/${repo}#${issueNumber}`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
    );

  const digestOne = async (target: DigestTarget): Promise<DigestResult> => {
    const fetchPage = () => deps.fetchPage(target.url, (task) => schedule(target.url, task));
    // Feed items with an issue are never re-fetched, so only config URLs start fetching before the listing.
    const early = target.feed ? undefined : fetchPage();
    early?.catch(() => undefined);
    const issue = (await listing).get(target.key);
    const base = { url: target.url, issue: issue?.number ?? null };
    const ref = issue ? `${owner}/${repo}#${issue.number}` : `${owner}/${repo}`;
    if (issue && target.feed)
      return { ...base, status: 'unchanged', reason: 'feed item already has an issue' };

    let document: Document;
    let rawHash: string;
    try {
      const fetched = await (early ?? fetchPage());
      rawHash = bodyHash(fetched.bytes);
      if (
        issue &&
        issue.marker.body === rawHash &&
        issue.marker.gone === 0 &&
        issue.marker.drift === undefined
      )
        return { ...base, status: 'unchanged' };
      document = await extract(target, fetched);
    } catch (error) {
      if (issue && error instanceof HttpStatusError && (error.status === 404 || error.status === 410))
        return gone(target, issue, error.status);
      if (issue && error instanceof NoReadableTextError && error.needsJavaScript)
        return drifted(target, issue, JAVASCRIPT_SHELL_SIGNAL);
      return { ...base, status: 'failed', reason: describe(error) };
    }

    const hash = contentHash(document.title, document.text);
    if (issue) {
      const { marker } = issue;
      // Same text in different bytes (a rotating ad, a timestamp): unchanged, and no write to record the bytes.
      if (marker.hash === hash && marker.gone === 0 && marker.drift === undefined)
        return { ...base, status: 'unchanged' };
      const signal = marker.hash === hash ? undefined : driftSignal(marker, document);
      if (signal) return drifted(target, issue, signal);
    }

    let summary;
    try {
      const summarizer = await deps.summarizer(target.provider);
      summary = await summarizeDocument(document.text, summarizer, { sentences: target.sentences });
    } catch (error) {
      return { ...base, status: 'failed', reason: describe(error) };
    }
    const faithfulness = checkFaithfulness(
      target.provider,
      document.text,
      summary.text,
      options.faithfulnessFloor,
    );
    const marker: DigestMarker = {
      url: target.key,
      hash,
      body: rawHash,
      words: document.wordCount,
      gone: 0,
      ...(document.lang ? { lang: document.lang.slice(0, 35) } : {}),
    };
    const body = renderIssueBody({
      marker,
      title: document.title,
      url: document.url ?? target.url,
      fetchedAt: new Date(deps.clock.now()),
      provider: summary.provider,
      model: summary.model,
      summary: summary.text,
      text: document.text,
      words: document.wordCount,
      ...(faithfulness ? { faithfulness } : {}),
    });

    const fresh = { ...base, summary: { title: target.title ?? document.title, text: summary.text } };
    try {
      if (!issue) {
        if (options.dryRun) return { ...fresh, status: 'created', reason: 'dry run: would create an issue' };
        const title = plainTitle(target.title ?? document.title, target.key);
        const { data } = await gh(`a new issue in ${ref}`, () =>
          octokit.rest.issues.create({
            owner,
            repo,
            title,
            body,
            labels: [DIGEST_LABEL, ...target.labels, ...(faithfulness?.low ? [LOW_FAITHFULNESS_LABEL] : [])],
            ...(options.assignees.length > 0 ? { assignees: options.assignees } : {}),
          }),
        );
        return { ...fresh, status: 'created', issue: data.number };
      }
      const note =
        issue.marker.drift !== undefined
          ? `The page recovered (${issue.marker.drift} no longer holds); the summary above is updated.`
          : issue.marker.gone > 0
            ? 'The page is back; the summary above is updated.'
            : updatedComment(issue.marker.words, document.wordCount);
      if (options.dryRun) return { ...fresh, status: 'updated', reason: 'dry run: would update the issue' };
      await gh(ref, () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issue.number,
          body,
          ...(issue.state === 'closed' && issue.marker.gone >= 2 ? { state: 'open' as const } : {}),
        }),
      );
      await comment(issue.number, note);
      const removeLabel = (name: string) =>
        gh(`the labels of ${ref}`, () =>
          octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name }),
        ).catch((error: unknown) => logger.warn(errorMessage(error)));
      if (issue.labels.includes(DRIFT_LABEL)) await removeLabel(DRIFT_LABEL);
      const lowLabelled = issue.labels.includes(LOW_FAITHFULNESS_LABEL);
      if (faithfulness?.low === true && !lowLabelled) {
        await gh(`the labels of ${ref}`, () =>
          octokit.rest.issues.addLabels({
            owner,
            repo,
            issue_number: issue.number,
            labels: [LOW_FAITHFULNESS_LABEL],
          }),
        );
      } else if (faithfulness?.low !== true && lowLabelled) await removeLabel(LOW_FAITHFULNESS_LABEL);
      return { ...fresh, status: 'updated' };
    } catch (error) {
      return { ...base, status: 'failed', reason: describe(error) };
    }
  };

  const gone = async (target: DigestTarget, issue: ExistingIssue, status: number): Promise<DigestResult> => {
    const base = { url: target.url, issue: issue.number };
    const ref = `${owner}/${repo}#${issue.number}`;
    if (issue.marker.gone >= 2)
      return { ...base, status: 'gone', reason: `HTTP ${status}, already reported` };
    const count = issue.marker.gone + 1;
    const marker = { ...issue.marker, gone: count };
    const closing = count >= 2 && options.closeWhenGone && issue.state !== 'closed';
    if (options.dryRun)
      return count >= 2
        ? { ...base, status: 'gone', reason: `dry run: would comment${closing ? ' and close' : ''}` }
        : { ...base, status: 'failed', reason: `HTTP ${status} (dry run: would note a first miss)` };
    try {
      await gh(ref, () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issue.number,
          body: replaceMarker(issue.body, marker),
          ...(closing ? { state: 'closed' as const, state_reason: 'not_planned' as const } : {}),
        }),
      );
      if (count < 2)
        return {
          ...base,
          status: 'failed',
          reason: `HTTP ${status}; it counts as gone if the next run gets it too`,
        };
      await comment(issue.number, goneComment(status, closing));
      return {
        ...base,
        status: 'gone',
        reason: `HTTP ${status} on two runs in a row${closing ? '; closed' : ''}`,
      };
    } catch (error) {
      return { ...base, status: 'failed', reason: describe(error) };
    }
  };

  const drifted = async (
    target: DigestTarget,
    issue: ExistingIssue,
    signal: string,
  ): Promise<DigestResult> => {
    const base = { url: target.url, issue: issue.number };
    const ref = `${owner}/${repo}#${issue.number}`;
    if (issue.marker.drift === signal) return { ...base, status: 'drifted', reason: signal };
    if (options.dryRun)
      return { ...base, status: 'drifted', reason: `${signal} (dry run: would label and comment)` };
    try {
      await gh(ref, () =>
        octokit.rest.issues.update({
          owner,
          repo,
          issue_number: issue.number,
          body: replaceMarker(issue.body, { ...issue.marker, drift: signal.slice(0, 200) }),
        }),
      );
      if (!issue.labels.includes(DRIFT_LABEL)) {
        await gh(`the labels of ${ref}`, () =>
          octokit.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: [DRIFT_LABEL] }),
        );
      }
      await comment(issue.number, driftComment(signal));
      return { ...base, status: 'drifted', reason: signal };
    } catch (error) {
      return { ...base, status: 'failed', reason: describe(error) };
    }
  };

  results.push(...(await Promise.all(run.map(digestOne))));
  return { results, deferred };
}

/** Every issue with the digest label and a valid marker, by normalized URL. Listing failure fails the run. */
async function listDigestIssues(deps: DigestDeps): Promise<Map<string, ExistingIssue>> {
  const { octokit, owner, repo, logger } = deps;
  let issues: Awaited<ReturnType<typeof octokit.rest.issues.listForRepo>>['data'];
  try {
    issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      labels: DIGEST_LABEL,
      state: 'all',
      per_page: 100,
    });
  } catch (error) {
    throw explainGitHubError(error, `the ${DIGEST_LABEL} issues of ${owner}/${repo}`);
  }
  const byKey = new Map<string, ExistingIssue>();
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    const key = normalizeUrl(marker.url);
    if (!key) continue;
    const previous = byKey.get(key);
    if (previous) {
      logger.warn(`#${previous.number} and #${issue.number} both track ${key}; using the older one`);
      if (previous.number < issue.number) continue;
    }
    byKey.set(key, {
      number: issue.number,
      state: issue.state,
      body: issue.body ?? '',
      marker,
      labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    });
  }
  return byKey;
}
