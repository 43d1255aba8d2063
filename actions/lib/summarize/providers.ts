import type { Clock, Logger } from '#lib/log';
import type { ProviderSpec } from './provider-spec';
import type { Summarizer } from './types';

/** Provider names evaluation (the eval command, the evaluate action) accepts; anything else is rejected. */
export const PROVIDERS = ['embedded', 'space'] as const;
/** Every provider createSummarizer builds: summarize, digest and ask also take the OpenAI-compatible one. */
export const SUMMARIZE_PROVIDERS = [...PROVIDERS, 'openai'] as const;

export interface ProviderDeps {
  /** Used for Hub API calls; `@gradio/client` always uses the global fetch. */
  fetch?: typeof fetch;
  logger: Logger;
  clock: Clock;
  /** Most requests in flight at once to a remote provider. */
  concurrency?: number;
}

/** Builds the summarizer a spec names; remote providers are loaded lazily so the embedded path stays small. */
export async function createSummarizer(spec: ProviderSpec, deps: ProviderDeps): Promise<Summarizer> {
  switch (spec.kind) {
    case 'embedded': {
      const { createEmbeddedSummarizer } = await import('./embedded');
      return createEmbeddedSummarizer();
    }
    case 'space': {
      const { createSpaceSummarizer } = await import('./space');
      return createSpaceSummarizer({
        space: spec.space,
        token: spec.token,
        hubUrl: spec.hubUrl,
        fetch: deps.fetch,
        logger: deps.logger,
        clock: deps.clock,
        concurrency: deps.concurrency,
      });
    }
    case 'openai': {
      const { createOpenAISummarizer } = await import('./openai');
      return createOpenAISummarizer({
        baseUrl: spec.baseUrl,
        model: spec.model,
        ...(spec.apiKey ? { apiKey: spec.apiKey } : {}),
        ...(spec.contextTokens ? { contextTokens: spec.contextTokens } : {}),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        logger: deps.logger,
        clock: deps.clock,
        ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      });
    }
  }
}
