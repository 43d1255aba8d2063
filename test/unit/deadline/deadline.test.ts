import { describe, expect, it } from 'vitest';
import { Deadline, DeadlineExceededError } from '#lib/deadline/deadline';
import type { Clock } from '#lib/log';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer } from '#lib/summarize/types';

const never = (): Promise<void> => new Promise<void>(() => {});

describe('Deadline', () => {
  it('check() passes before the deadline and throws after it, naming the stage entered last', () => {
    let now = 0;
    const deadline = new Deadline('page.html', 100, { now: () => now, sleep: never });
    deadline.enter('extraction');
    now = 99;
    expect(() => deadline.check()).not.toThrow();
    now = 100;
    expect(() => deadline.check()).toThrow(DeadlineExceededError);
    expect(() => deadline.enter('summarization')).toThrow(
      'gave up during extraction: the 100 ms deadline for this source passed',
    );
  });

  it('race() rejects when the timer fires, and aborts the signal with the same error', async () => {
    let fire: () => void = () => {};
    const clock: Clock = { now: () => 0, sleep: () => new Promise<void>((resolve) => (fire = resolve)) };
    const deadline = new Deadline('x', 50, clock);
    const raced = deadline.race(new Promise<never>(() => {}));
    fire();
    await expect(raced).rejects.toMatchObject({ name: 'DeadlineExceededError', stage: 'reading' });
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('dispose() stops the timer through the sleep signal', () => {
    let signal: AbortSignal | undefined;
    const deadline = new Deadline('x', 50, { now: () => 0, sleep: (_ms, s) => ((signal = s), never()) });
    deadline.dispose();
    expect(signal?.aborted).toBe(true);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('summarizeDocument under a deadline', () => {
  it('a provider call that overran fails naming summarization', async () => {
    let now = 0;
    const deadline = new Deadline('doc', 1_000, { now: () => now, sleep: never });
    const embedded = createEmbeddedSummarizer();
    const slow: Summarizer = {
      ...embedded,
      summarize: (request) => {
        now = 5_000; // the synchronous provider took five seconds
        return embedded.summarize(request);
      },
    };
    const error = await summarizeDocument('One sentence here is long enough.', slow, { deadline }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'DeadlineExceededError', stage: 'summarization', deadlineMs: 1_000 });
  });

  it('passes the deadline signal to the provider', async () => {
    const deadline = new Deadline('doc', 1_000, { now: () => 0, sleep: never });
    let seen: AbortSignal | undefined;
    const embedded = createEmbeddedSummarizer();
    const spy: Summarizer = {
      ...embedded,
      summarize: (request) => ((seen = request.signal), embedded.summarize(request)),
    };
    await summarizeDocument('One sentence here is long enough.', spy, { deadline });
    expect(seen).toBe(deadline.signal);
  });
});
