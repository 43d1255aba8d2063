import { errorMessage, SumopsError } from '#lib/errors';
import { oneLine } from '#lib/hub/errors';
import type { Clock, Logger } from '#lib/log';
import { createSpaceSummarizer } from '#lib/summarize/space';
import type { HubAccess } from './types';

/** Short, plain and unambiguous: any working summarizer returns something for it. */
const SMOKE_TEXT =
  'The city council approved a new bicycle lane network on Tuesday. The plan adds forty kilometres of ' +
  'protected lanes over three years. Officials said the first routes will open next spring near the central ' +
  'station. Local businesses had asked for safer streets and more parking for bicycles.';

export class SmokeTestError extends SumopsError {
  constructor(
    readonly spaceId: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`smoke test of Space ${spaceId} failed: ${oneLine(detail).slice(0, 300)}`, options);
  }
}

export interface SmokeOptions {
  /** Where the Hub is; its token is NOT sent (the app gets `appToken` alone). */
  access: Pick<HubAccess, 'hubUrl' | 'fetch'>;
  /**
   * The token the Space's app may see: a read token for a private Space, none for a public one. The deploy's
   * write token never goes to the app, which runs whatever code was just deployed.
   */
  appToken?: string;
  spaceId: string;
  clock: Clock;
  logger: Logger;
  /** How long the Space may take to answer at all (it may still be waking), default 5 minutes. */
  wakeTimeoutMs?: number;
}

export interface SmokeResult {
  summary: string;
  durationMs: number;
}

/** Calls the live Space's `/summarize` through the same client the Space provider uses; needs a non-empty text. */
export async function smokeTestSpace(options: SmokeOptions): Promise<SmokeResult> {
  const { access, spaceId, clock, logger } = options;
  const started = clock.now();
  let summarizer;
  try {
    summarizer = await createSpaceSummarizer({
      space: spaceId,
      ...(options.appToken ? { token: options.appToken } : {}),
      hubUrl: access.hubUrl,
      fetch: access.fetch,
      logger,
      clock,
      wakeTimeoutMs: options.wakeTimeoutMs,
      retries: 2,
      concurrency: 1,
    });
    const summary = await summarizer.summarize({ text: SMOKE_TEXT, sentences: 2 });
    if (summary.text.trim() === '') throw new SmokeTestError(spaceId, '/summarize returned an empty text');
    return { summary: summary.text, durationMs: clock.now() - started };
  } catch (error) {
    if (error instanceof SmokeTestError) throw error;
    throw new SmokeTestError(spaceId, errorMessage(error), { cause: error });
  } finally {
    await summarizer?.close?.();
  }
}
