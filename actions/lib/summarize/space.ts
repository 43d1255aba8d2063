import pLimit from 'p-limit';
import { SpaceConnectError, SpaceEndpointError, SpacePredictionError } from '#lib/hub/errors';
import { DEFAULT_HUB_URL } from '#lib/defaults';
import { RetriesExhausted, withRetries } from '#lib/hub/retry';
import { isTransientSpaceError, SpaceAppClient, SpaceClientPool } from '#lib/hub/space-app-client';
import type { AppEndpoint } from '#lib/hub/space-app-client';
import { parseSpaceRef } from '#lib/hub/space-ref';
import { waitForSpace } from '#lib/hub/wait-for-space';
import { UsageError } from '#lib/errors';
import type { Clock, Logger } from '#lib/log';
import { countWords } from '#lib/text/words';
import { splitSentences } from './sentences';
import type { SummarizeRequest, Summarizer, Summary } from './types';
import { describeNetworkError } from '#lib/net/network-error';

/** What space/app.py serves; test/unit/space/contract.test.ts checks app.py against it. */
export const SPACE_API = { endpoint: '/summarize', params: ['text', 'max_length', 'min_length'] } as const;

/** distilbart reads 1024 tokens ≈ 700 English words; longer documents are split by the library first. */
const SPACE_INPUT_BUDGET_WORDS = 700;

/** BART's BPE spends about 4 tokens on 3 English words. */
const TOKENS_PER_WORD = 4 / 3;
/** distilbart-cnn-12-6's generation defaults. */
const DEFAULT_MAX_LENGTH = 142;
const DEFAULT_MIN_LENGTH = 56;
const WORDS_PER_SENTENCE = 22;

export interface SpaceSummarizerOptions {
  /** `owner/name` (resolved through the Hub), a Space page URL, or the app's own http(s) URL. */
  space: string;
  /** `hf_…` token for private Spaces and for restarting paused ones. */
  token?: string;
  hubUrl?: string;
  /** Used for Hub API calls and the wake-up visit; `@gradio/client` always uses the global fetch. */
  fetch?: typeof fetch;
  logger: Logger;
  clock: Clock;
  /** How long to wait for a sleeping, paused or building Space, default 5 minutes. */
  wakeTimeoutMs?: number;
  /** Requests in flight at once, default 2 (a CPU Space runs one job at a time anyway). */
  concurrency?: number;
  /** Extra attempts after a queue-full or 5xx answer, default 3. */
  retries?: number;
  /** Tokens, used when a request gives no length. */
  maxLength?: number;
  minLength?: number;
}

export class InvalidHfTokenError extends UsageError {
  constructor() {
    super(
      'the Hugging Face token must be an access token starting with "hf_": create one at huggingface.co/settings/tokens',
    );
  }
}

/** Summarizes through the sumops Gradio app running on a Hugging Face Space (or any URL serving it). */
export async function createSpaceSummarizer(options: SpaceSummarizerOptions): Promise<Summarizer> {
  const { logger, clock, token } = options;
  if (token !== undefined && !token.startsWith('hf_')) throw new InvalidHfTokenError();
  const hubUrl = options.hubUrl ?? DEFAULT_HUB_URL;
  const ref = parseSpaceRef(options.space, hubUrl);
  const label = ref.kind === 'id' ? ref.id : ref.url;

  let url: string;
  if (ref.kind === 'id') {
    const status = await waitForSpace(ref.id, {
      hubUrl,
      token,
      fetch: options.fetch,
      logger,
      clock,
      timeoutMs: options.wakeTimeoutMs,
    });
    url = status.host;
    logger.debug(`Space ${ref.id} serves at ${url}`);
  } else {
    url = ref.url;
  }

  const retrying = <T>(what: string, task: () => Promise<T>): Promise<T> =>
    withRetries(task, {
      retries: options.retries ?? 3,
      clock,
      logger,
      label: `Space ${label} ${what}`,
      isTransient: isTransientSpaceError,
    });

  const connect = () => SpaceAppClient.connect(url, { label, token });
  let first: SpaceAppClient;
  try {
    first = await retrying('connect', connect);
  } catch (error) {
    if (!(error instanceof RetriesExhausted)) throw error;
    throw new SpaceConnectError(label, `${errorText(error.last)} (${error.attempts} attempts)`, {
      cause: error.last,
    });
  }
  try {
    checkEndpoint(label, first.endpoints());
  } catch (error) {
    first.close();
    throw error;
  }

  const pool = new SpaceClientPool(connect, first);
  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  const defaults = {
    maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH,
    minLength: options.minLength ?? DEFAULT_MIN_LENGTH,
  };

  async function summarize(request: SummarizeRequest): Promise<Summary> {
    const lengths = modelLengths(request, defaults);
    const inputs = { text: request.text, max_length: lengths.maxLength, min_length: lengths.minLength };
    const outputs = await limit(async () => {
      request.signal?.throwIfAborted();
      try {
        return await retrying('summarize', () =>
          pool.use((client) => client.predict(SPACE_API.endpoint, inputs)),
        );
      } catch (error) {
        throw asPredictionError(label, error);
      }
    });
    const [summary] = outputs;
    if (typeof summary !== 'string') {
      throw new SpacePredictionError(
        label,
        `expected a text output, got ${JSON.stringify(summary)?.slice(0, 60)}`,
        1,
      );
    }
    const sentences = fitToRequest(toSentences(summary), request.sentences, lengths.maxWords);
    return { text: sentences.join('\n'), sentences, provider: 'space', model: label };
  }

  return {
    provider: 'space',
    model: label,
    inputBudgetWords: SPACE_INPUT_BUDGET_WORDS,
    summarize,
    close() {
      pool.close();
      return Promise.resolve();
    },
  };
}

function checkEndpoint(label: string, endpoints: AppEndpoint[]): void {
  const names = endpoints.map((endpoint) => endpoint.name);
  const endpoint = endpoints.find((candidate) => candidate.name === SPACE_API.endpoint);
  if (!endpoint) {
    throw new SpaceEndpointError(label, SPACE_API.endpoint, `has no endpoint ${SPACE_API.endpoint}`, names);
  }
  const expected: readonly string[] = SPACE_API.params;
  const declared = endpoint.parameters.slice(0, expected.length);
  if (declared.join() !== expected.join()) {
    throw new SpaceEndpointError(
      label,
      SPACE_API.endpoint,
      `declares ${SPACE_API.endpoint}(${endpoint.parameters.join(', ')}) but sumops sends (${expected.join(', ')})`,
      names,
    );
  }
}

/** Model lengths in tokens for a request given in words or sentences. */
export function modelLengths(
  request: Pick<SummarizeRequest, 'maxWords' | 'sentences'>,
  defaults: { maxLength: number; minLength: number },
): { maxLength: number; minLength: number; maxWords?: number } {
  const maxWords =
    request.maxWords ?? (request.sentences ? request.sentences * WORDS_PER_SENTENCE : undefined);
  if (maxWords === undefined)
    return { maxLength: defaults.maxLength, minLength: Math.min(defaults.minLength, defaults.maxLength) };
  const maxLength = Math.max(8, Math.round(maxWords * TOKENS_PER_WORD));
  return { maxLength, minLength: Math.min(defaults.minLength, Math.floor(maxLength / 2)), maxWords };
}

/** The app returns one sentence per line; older deployments may return one paragraph. */
function toSentences(summary: string): string[] {
  return summary
    .split('\n')
    .flatMap((line) => splitSentences(line.trim()))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** Keeps the first sentences within the requested count and word budget (always at least one). */
function fitToRequest(
  sentences: string[],
  count: number | undefined,
  maxWords: number | undefined,
): string[] {
  const kept: string[] = [];
  let words = 0;
  for (const sentence of sentences.slice(0, count ?? sentences.length)) {
    words += countWords(sentence);
    if (kept.length > 0 && maxWords !== undefined && words > maxWords) break;
    kept.push(sentence);
  }
  return kept;
}

function asPredictionError(label: string, error: unknown): unknown {
  if (error instanceof RetriesExhausted) {
    return new SpacePredictionError(label, errorText(error.last), error.attempts, { cause: error.last });
  }
  if (error instanceof Error && error.name === 'Error') {
    // Plain Errors come from @gradio/client: the app's own message (gr.Error) or a protocol failure.
    return new SpacePredictionError(label, errorText(error), 1, { cause: error });
  }
  return error;
}

function errorText(error: unknown): string {
  return describeNetworkError(error).reason;
}
