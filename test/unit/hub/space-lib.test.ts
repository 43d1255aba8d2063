import { describe, expect, it } from 'vitest';
import { InvalidSpaceRefError, parseSpaceRef } from '#lib/hub/space-ref';
import { stageAction } from '#lib/hub/space-status';
import { isTransientSpaceError } from '#lib/hub/space-app-client';
import { RetriesExhausted, withRetries } from '#lib/hub/retry';
import { modelLengths } from '#lib/summarize/space';
import { createSummarizer, PROVIDERS } from '#lib/summarize/providers';
import { fakeClock, recordingLogger } from '../../harness/fakes';

const HUB = 'https://huggingface.co';

describe('parseSpaceRef', () => {
  it('takes owner/name as a Space id and a URL as the app itself', () => {
    expect(parseSpaceRef('my-org/sumops.v2', HUB)).toEqual({ kind: 'id', id: 'my-org/sumops.v2' });
    expect(parseSpaceRef('http://127.0.0.1:7860/', HUB)).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:7860',
    });
    expect(parseSpaceRef('https://my-org-sumops.hf.space', HUB)).toEqual({
      kind: 'url',
      url: 'https://my-org-sumops.hf.space',
    });
  });

  it('resolves a Space page URL like its id, since the page is not the app', () => {
    expect(parseSpaceRef('https://huggingface.co/spaces/my-org/sumops', HUB)).toEqual({
      kind: 'id',
      id: 'my-org/sumops',
    });
    expect(parseSpaceRef('http://127.0.0.1:9/spaces/a/b/', 'http://127.0.0.1:9')).toEqual({
      kind: 'id',
      id: 'a/b',
    });
  });

  it('rejects what is neither', () => {
    for (const bad of ['sumops', 'a/b/c', 'ftp://host/x', '']) {
      expect(() => parseSpaceRef(bad, HUB)).toThrow(InvalidSpaceRefError);
    }
  });
});

describe('stageAction', () => {
  it.each([
    ['RUNNING', 'ready'],
    ['RUNNING_BUILDING', 'ready'],
    ['RUNNING_APP_STARTING', 'ready'],
    ['SLEEPING', 'wake'],
    ['STOPPED', 'wake'],
    ['PAUSED', 'restart'],
    ['BUILDING', 'wait'],
    ['APP_STARTING', 'wait'],
    ['SOME_FUTURE_STAGE', 'wait'],
    ['BUILD_ERROR', 'fail'],
    ['RUNTIME_ERROR', 'fail'],
    ['CONFIG_ERROR', 'fail'],
    ['NO_APP_FILE', 'fail'],
  ])('%s → %s', (stage, action) => {
    expect(stageAction(stage)).toBe(action);
  });
});

describe('modelLengths', () => {
  const defaults = { maxLength: 142, minLength: 56 };

  it('uses the model defaults when the request gives no length', () => {
    expect(modelLengths({}, defaults)).toEqual({ maxLength: 142, minLength: 56 });
  });

  it('converts words to tokens and keeps min_length at most half of max_length', () => {
    expect(modelLengths({ maxWords: 150 }, defaults)).toEqual({
      maxLength: 200,
      minLength: 56,
      maxWords: 150,
    });
    expect(modelLengths({ maxWords: 30 }, defaults)).toEqual({ maxLength: 40, minLength: 20, maxWords: 30 });
  });

  it('turns a sentence count into a word budget', () => {
    expect(modelLengths({ sentences: 3 }, defaults).maxWords).toBe(66);
  });
});

describe('isTransientSpaceError', () => {
  it.each([
    ['This application is currently busy. Please try again. ', true],
    ['Connection errored out. ', true],
    ['Could not parse server response: SyntaxError: Unexpected token', true],
    ['Could not resolve app config. (received status 502 when fetching the app config)', true],
    ['fetch failed', true],
    ['Could not resolve app config. (received status 404 when fetching the app config)', false],
    ['CUDA out of memory', false],
  ])('%s → %s', (message, transient) => {
    expect(isTransientSpaceError(new Error(message))).toBe(transient);
  });
});

describe('withRetries', () => {
  const options = () => ({
    retries: 2,
    clock: fakeClock(),
    logger: recordingLogger(),
    label: 'op',
    isTransient: (error: unknown) => error instanceof Error && error.message === 'busy',
  });

  it('backs off exponentially and returns the first success', async () => {
    const opts = options();
    let calls = 0;
    const result = await withRetries(
      () => (++calls < 3 ? Promise.reject(new Error('busy')) : Promise.resolve(calls)),
      opts,
    );
    expect(result).toBe(3);
    expect(opts.clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after the retries with the attempt count', async () => {
    const opts = options();
    const failure = withRetries(() => Promise.reject(new Error('busy')), opts);
    await expect(failure).rejects.toBeInstanceOf(RetriesExhausted);
    await expect(failure).rejects.toMatchObject({ attempts: 3 });
  });

  it('rethrows a permanent failure at once', async () => {
    const opts = options();
    await expect(withRetries(() => Promise.reject(new Error('bad input')), opts)).rejects.toThrow(
      'bad input',
    );
    expect(opts.clock.sleeps).toEqual([]);
  });
});

it('PROVIDERS lists what createSummarizer builds', async () => {
  expect(PROVIDERS).toEqual(['embedded', 'space']);
  const embedded = await createSummarizer(
    { kind: 'embedded' },
    { logger: recordingLogger(), clock: fakeClock() },
  );
  expect(embedded.provider).toBe('embedded');
  // The Space kind is covered end to end in test/e2e/space-provider.test.ts.
});
