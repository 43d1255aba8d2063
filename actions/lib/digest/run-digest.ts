import { setImmediate as nextTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { messageAfter } from '#lib/errors';
import type { Document } from '#lib/ingest/document';
import type { FetchedBody } from '#lib/ingest/fetch-url';
import { HttpStatusError, NoReadableTextError } from '#lib/ingest/errors';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import { driftSignal, JAVASCRIPT_SHELL_SIGNAL } from './drift';
import { expandFeeds } from './expand-feeds';
import { checkFaithfulness } from './faithfulness';
import { createHostScheduler } from './host-scheduler';
import { listDigestIssues } from './issue-list';
import { digestIssueWriter } from './issue-writes';
import type { DigestMarker } from './marker';
import { bodyHash, contentHash } from './marker';
import { renderIssueBody } from './render-issue';
import type { DigestDeps, DigestOptions, DigestResult, DigestRun, DigestTarget } from './types';

/**
 * One digest run: list the digest issues once, expand feeds, then for every page load it (politely), compare its
 * content hash with the issue's marker and create, update, flag drift or gone, or do nothing. One page failing
 * never stops the others; the writes are digestIssueWriter's.
 */
export async function runDigest(deps: DigestDeps, options: DigestOptions): Promise<DigestRun> {
  const { logger } = deps;
  const describe = options.describeError ?? ((error: unknown, url: string) => messageAfter(url, error));
  // Listing runs alongside the first fetches (which need no listing); every decision waits for it, so a failed
  // listing fails the run before anything is written.
  const listing = listDigestIssues(deps);
  listing.catch(() => undefined);
  const schedule = createHostScheduler(options.concurrency);
  const writer = digestIssueWriter(deps, { ...options, describe });

  const targets = [...options.targets];
  const results: DigestResult[] = await expandFeeds(options.feeds, targets, {
    fetchFeed: (url) => deps.fetchFeed(url),
    now: deps.clock.now(),
    schedule,
    describe,
  });

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

  const digestOne = async (target: DigestTarget): Promise<DigestResult> => {
    const fetchPage = () => deps.fetchPage(target.url, (task) => schedule(target.url, task));
    // Feed items with an issue are never re-fetched, so only config URLs start fetching before the listing.
    const early = target.feed ? undefined : fetchPage();
    early?.catch(() => undefined);
    const issue = (await listing).get(target.key);
    const base = { url: target.url, issue: issue?.number ?? null };
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
        return writer.gone(target, issue, error.status);
      if (issue && error instanceof NoReadableTextError && error.needsJavaScript)
        return writer.drifted(target, issue, JAVASCRIPT_SHELL_SIGNAL);
      return { ...base, status: 'failed', reason: describe(error, base.url) };
    }

    const hash = contentHash(document.title, document.text);
    if (issue) {
      const { marker } = issue;
      // Same text in different bytes (a rotating ad, a timestamp): unchanged, and no write to record the bytes.
      if (marker.hash === hash && marker.gone === 0 && marker.drift === undefined)
        return { ...base, status: 'unchanged' };
      const signal = marker.hash === hash ? undefined : driftSignal(marker, document);
      if (signal) return writer.drifted(target, issue, signal);
    }

    let summary;
    try {
      const summarizer = await deps.summarizer(target.provider);
      summary = await summarizeDocument(document.text, summarizer, { sentences: target.sentences });
    } catch (error) {
      return { ...base, status: 'failed', reason: describe(error, base.url) };
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
    return writer.publish(
      {
        target,
        documentTitle: document.title,
        body,
        words: document.wordCount,
        summary: summary.text,
        ...(faithfulness ? { faithfulness } : {}),
      },
      issue,
    );
  };

  results.push(...(await Promise.all(run.map(digestOne))));
  return { results, deferred };
}
