import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SpaceAccessError,
  SpaceConnectError,
  SpaceEndpointError,
  SpacePausedError,
  SpacePredictionError,
  SpaceStageError,
  SpaceWakeTimeoutError,
} from '#lib/hub/errors';
import { createSpaceSummarizer, InvalidHfTokenError } from '#lib/summarize/space';
import type { SpaceSummarizerOptions } from '#lib/summarize/space';
import { createSummarizer } from '#lib/summarize/providers';
import type { Summarizer, Summary } from '#lib/summarize/types';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator, GradioEmulatorOptions } from '../emulators/gradio';
import { fakeClock, recordingLogger, TEST_HF_TOKEN } from '../harness/fakes';
import { startHubEmulator } from '../emulators/hub';
import type { EmulatedSpace, HubEmulator } from '../emulators/hub';

const ARTICLE = readFileSync(new URL('../fixtures/space/article.txt', import.meta.url), 'utf8');
const SPACE_ID = 'sumops-test/summarizer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gradio(options: GradioEmulatorOptions = {}): Promise<GradioEmulator> {
  const emulator = await startGradioEmulator(options);
  cleanups.push(() => emulator.close());
  return emulator;
}

async function hub(space: Omit<EmulatedSpace, 'id'>): Promise<HubEmulator> {
  const emulator = await startHubEmulator({ spaces: [{ id: SPACE_ID, ...space }] });
  cleanups.push(() => emulator.close());
  return emulator;
}

async function connect(options: Partial<SpaceSummarizerOptions> & { space: string }) {
  const logger = recordingLogger();
  const clock = fakeClock();
  const summarizer = await createSpaceSummarizer({ logger, clock, ...options });
  cleanups.push(() => summarizer.close?.() ?? Promise.resolve());
  return { summarizer, logger, clock };
}

/** A non-empty summary of at most `maxWords` words. */
function expectWithinBudget(summary: Summary, maxWords: number): void {
  const words = summary.text.split(/\s+/).filter(Boolean).length;
  expect(words).toBeGreaterThan(0);
  expect(words).toBeLessThanOrEqual(maxWords);
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=\.)\s+/).map((sentence) => sentence.trim());
}

describe('Space provider against the Gradio emulator (real @gradio/client)', () => {
  it('summarizes through a URL, sending text, max_length and min_length', async () => {
    const app = await gradio();
    const { summarizer } = await connect({ space: app.url });

    const summary = await summarizer.summarize({ text: ARTICLE, maxWords: 60 });

    expect(summary.provider).toBe('space');
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(summary.text).toBe(summary.sentences.join('\n'));
    // Extractive emulator: every sentence comes from the article, and the budget holds.
    for (const sentence of summary.sentences) expect(sentencesOf(ARTICLE)).toContain(sentence);
    expect(summary.text.split(/\s+/).length).toBeLessThanOrEqual(60);
    expect(app.jobs).toEqual([{ text: ARTICLE, maxLength: 80, minLength: 40, maxWords: 60 }]);
    expect(summarizer.inputBudgetWords).toBe(700);
  });

  it('returns at most the requested number of sentences, even when the app sends more', async () => {
    const app = await gradio();
    const { summarizer } = await connect({ space: app.url });
    const text =
      'Rain fell on Monday. The river rose fast. Roads closed at noon. Schools shut early. Crews worked overnight.';

    const summary = await summarizer.summarize({ text, sentences: 2 });

    expect(summary.sentences).toHaveLength(2);
    expect(app.jobs[0]?.maxWords).toBe(44); // room for every sentence: the cut is the provider's
  });

  it('resolves owner/name through the Hub API and connects to the host it names', async () => {
    const app = await gradio();
    const hubApi = await hub({ host: app.url, stage: 'RUNNING' });
    const { summarizer } = await connect({ space: SPACE_ID, hubUrl: hubApi.url, fetch });

    const summary = await summarizer.summarize({ text: ARTICLE, sentences: 2 });

    expect(summary.model).toBe(SPACE_ID);
    expect(summary.sentences.length).toBeLessThanOrEqual(2);
    expectWithinBudget(summary, 44);
    expect(hubApi.requests.map((request) => request.path)).toContain(`/api/spaces/${SPACE_ID}`);
    expect(app.requests.map((request) => request.path)).toEqual(
      expect.arrayContaining([
        '/config',
        '/gradio_api/info',
        '/gradio_api/queue/join',
        '/gradio_api/queue/data',
      ]),
    );
  });

  it('wakes a sleeping Space by visiting it and reports progress', async () => {
    // The app's first visitor wakes it; the Hub then walks the Space through its wake stages.
    const wakeHub: { current?: HubEmulator } = {};
    const app = await gradio({ sleeping: true, onWake: () => wakeHub.current?.wake(SPACE_ID) });
    const hubApi = (wakeHub.current = await hub({
      host: app.url,
      stage: 'SLEEPING',
      wakeStages: ['APP_STARTING', 'APP_STARTING', 'RUNNING'],
    }));

    const { summarizer, logger } = await connect({ space: SPACE_ID, hubUrl: hubApi.url });
    const summary = await summarizer.summarize({ text: ARTICLE, sentences: 1 });

    expect(summary.sentences).toHaveLength(1);
    expectWithinBudget(summary, 22);
    expect(hubApi.space(SPACE_ID)?.wakes).toBe(1);
    expect(app.requests[0]?.path).toBe('/');
    const progress = logger.text('info');
    expect(progress).toMatch(/SLEEPING: waking it up/);
    expect(progress).toMatch(/APP_STARTING/);
    expect(progress).toMatch(/is RUNNING after \d+s/);
  });

  it('waits out BUILDING then connects once RUNNING', async () => {
    const app = await gradio();
    const hubApi = await hub({
      host: app.url,
      stage: 'BUILDING',
      then: ['BUILDING', 'APP_STARTING', 'RUNNING'],
    });

    const { summarizer, clock } = await connect({ space: SPACE_ID, hubUrl: hubApi.url });

    expectWithinBudget(await summarizer.summarize({ text: ARTICLE, sentences: 1 }), 22);
    // Three polls found it not ready, so the provider slept three times before connecting.
    expect(clock.sleeps).toEqual([2000, 2000, 2000]);
    expect(app.requests.filter((request) => request.path === '/config')).toHaveLength(1);
  });

  it('gives up on a Space that stays BUILDING past the wake timeout', async () => {
    const app = await gradio();
    const hubApi = await hub({ host: app.url, stage: 'BUILDING' });

    await expect(connect({ space: SPACE_ID, hubUrl: hubApi.url, wakeTimeoutMs: 10_000 })).rejects.toThrow(
      SpaceWakeTimeoutError,
    );
    expect(app.calls).toBe(0);
  });

  it('quotes the stage and error message of a broken Space', async () => {
    const hubApi = await hub({
      host: 'http://127.0.0.1:9',
      stage: 'RUNTIME_ERROR',
      errorMessage: 'Exit code: 1. Reason: OSError: model not found',
    });

    const failure = connect({ space: SPACE_ID, hubUrl: hubApi.url });

    await expect(failure).rejects.toThrow(SpaceStageError);
    await expect(failure).rejects.toThrow(
      /stage RUNTIME_ERROR: Exit code: 1\. Reason: OSError: model not found/,
    );
  });

  it('restarts a PAUSED Space with a token, and explains what to do without one', async () => {
    const app = await gradio();
    const hubApi = await hub({ host: app.url, stage: 'PAUSED', private: false });

    await expect(connect({ space: SPACE_ID, hubUrl: hubApi.url })).rejects.toThrow(SpacePausedError);
    expect(hubApi.space(SPACE_ID)?.restarts).toBe(0);

    const { summarizer } = await connect({ space: SPACE_ID, hubUrl: hubApi.url, token: TEST_HF_TOKEN });
    expectWithinBudget(await summarizer.summarize({ text: ARTICLE, sentences: 1 }), 22);
    expect(hubApi.space(SPACE_ID)?.restarts).toBe(1);
  });

  it('says a token is needed for a private Space without one (Hub and direct URL), naming no setting', async () => {
    const app = await gradio({ token: TEST_HF_TOKEN });
    const hubApi = await hub({ host: app.url, private: true });

    const needsToken =
      /was not found or is private \(HTTP 40\d\): check the name, or give a Hugging Face token/;
    await expect(connect({ space: SPACE_ID, hubUrl: hubApi.url })).rejects.toThrow(needsToken);
    await expect(connect({ space: app.url })).rejects.toThrow(SpaceAccessError);
    await expect(connect({ space: app.url })).rejects.toThrow(needsToken);
    await expect(connect({ space: app.url })).rejects.not.toThrow(/HF_TOKEN|hf-token/);
    expect(app.calls).toBe(0);
  });

  it('sends the token to the Hub and to every app request of a private Space', async () => {
    const app = await gradio({ token: TEST_HF_TOKEN });
    const hubApi = await hub({ host: app.url, private: true });

    const { summarizer } = await connect({ space: SPACE_ID, hubUrl: hubApi.url, token: TEST_HF_TOKEN });
    await summarizer.summarize({ text: ARTICLE, sentences: 1 });

    expect(app.completed).toBe(1);
    const bearer = `Bearer ${TEST_HF_TOKEN}`;
    expect(hubApi.requests.every((request) => request.authorization === bearer)).toBe(true);
    expect(app.requests.length).toBeGreaterThanOrEqual(4);
    expect(app.requests.every((request) => request.authorization === bearer)).toBe(true);
  });

  it('retries an unreachable app, then says it could not connect', async () => {
    const app = await gradio();
    await app.close();

    const failure = connect({ space: app.url, retries: 1 });

    await expect(failure).rejects.toThrow(SpaceConnectError);
    await expect(failure).rejects.toThrow(
      /Could not connect to Space http:\/\/127\.0\.0\.1:\d+: connection refused \(2 attempts\)/,
    );
  });

  it('rejects a token that is not a Hugging Face token before sending anything', async () => {
    const app = await gradio();

    await expect(connect({ space: app.url, token: 'ghp_not_hf' })).rejects.toThrow(InvalidHfTokenError);
    expect(app.requests).toEqual([]);
  });

  it('lists the endpoints a Space has when /summarize is missing', async () => {
    const app = await gradio({ apiName: 'predict' });

    const failure = connect({ space: app.url });

    await expect(failure).rejects.toThrow(SpaceEndpointError);
    await expect(failure).rejects.toThrow(/has no endpoint \/summarize \(its endpoints: \/predict\)/);
  });

  it('refuses a /summarize whose parameters differ from what sumops sends', async () => {
    const app = await gradio({ parameters: ['text'] });

    await expect(connect({ space: app.url })).rejects.toThrow(
      /declares \/summarize\(text\) but sumops sends/,
    );
  });

  it('retries when the queue is full, then succeeds', async () => {
    const app = await gradio({ queueFull: 2 });
    const { summarizer, logger, clock } = await connect({ space: app.url });

    const summary = await summarizer.summarize({ text: ARTICLE, sentences: 1 });

    expectWithinBudget(summary, 22);
    expect(app.calls).toBe(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(logger.text('warn')).toMatch(/currently busy.*retrying in 1s \(attempt 2 of 4\)/);
  });

  it('retries a 5xx answer, and reports the attempts when they run out', async () => {
    const app = await gradio({ failures: 1, failureKind: 'http-500' });
    const { summarizer } = await connect({ space: app.url, retries: 2 });

    expectWithinBudget(await summarizer.summarize({ text: ARTICLE, sentences: 1 }), 22);
    expect(app.calls).toBe(2);

    app.setOptions({ failures: 5 });
    const failure = summarizer.summarize({ text: ARTICLE, sentences: 1 });
    await expect(failure).rejects.toThrow(SpacePredictionError);
    await expect(failure).rejects.toThrow(/after 3 attempts/);
    expect(app.calls).toBe(5);
  });

  it('does not retry an error raised by the app, and quotes it', async () => {
    const app = await gradio({ failures: 1, failureKind: 'app-error', failureMessage: 'CUDA out of memory' });
    const { summarizer } = await connect({ space: app.url });

    const failure = summarizer.summarize({ text: ARTICLE, sentences: 1 });

    await expect(failure).rejects.toThrow(/failed to summarize: CUDA out of memory/);
    expect(app.calls).toBe(1);
    // The connection survives an app error.
    expectWithinBudget(await summarizer.summarize({ text: ARTICLE, sentences: 1 }), 22);
  });

  it('keeps at most `concurrency` jobs in flight, and runs that many in parallel', async () => {
    const app = await gradio({ latencyMs: 150 });
    const { summarizer } = await connect({ space: app.url, concurrency: 3 });

    const summaries = await Promise.all(
      Array.from({ length: 9 }, () => summarizer.summarize({ text: ARTICLE, sentences: 1 })),
    );

    expect(summaries).toHaveLength(9);
    expect(app.completed).toBe(9);
    expect(app.maxInFlight).toBe(3);
  });

  it('closes every stream it opened, heartbeat included', async () => {
    const app = await gradio({ connectHeartbeat: true });
    const summarizer = await createSpaceSummarizer({
      space: app.url,
      logger: recordingLogger(),
      clock: fakeClock(),
    });
    await summarizer.summarize({ text: ARTICLE, sentences: 1 });
    expect(app.requests.some((request) => request.path.startsWith('/gradio_api/heartbeat/'))).toBe(true);
    expect(app.openStreams).toBeGreaterThan(0);

    await summarizer.close?.();

    await expect.poll(() => app.openStreams, { timeout: 2000 }).toBe(0);
  });

  it('is what createSummarizer builds for a space spec', async () => {
    const app = await gradio();
    const summarizer: Summarizer = await createSummarizer(
      { kind: 'space', space: app.url },
      { logger: recordingLogger(), clock: fakeClock(), concurrency: 1 },
    );
    cleanups.push(() => summarizer.close?.() ?? Promise.resolve());

    expect(summarizer.provider).toBe('space');
    expect((await summarizer.summarize({ text: ARTICLE, sentences: 1 })).provider).toBe('space');
    expect(app.completed).toBe(1);
  });
});
