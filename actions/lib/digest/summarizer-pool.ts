import type { ConfigProvider } from '#lib/config/index';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import type { ProviderDeps } from '#lib/summarize/providers';
import { createSummarizer } from '#lib/summarize/providers';
import type { Summarizer } from '#lib/summarize/types';

/** One summarizer per provider a run uses, created on first use (a run that names none starts none). */
export function createSummarizerPool(
  specFor: (provider: ConfigProvider) => ProviderSpec,
  deps: ProviderDeps,
): { get(provider: ConfigProvider): Promise<Summarizer>; close(): Promise<void> } {
  const pool = new Map<ConfigProvider, Promise<Summarizer>>();
  return {
    get(provider) {
      let summarizer = pool.get(provider);
      if (!summarizer) {
        summarizer = createSummarizer(specFor(provider), deps);
        pool.set(provider, summarizer);
      }
      return summarizer;
    },
    async close() {
      for (const summarizer of pool.values()) {
        await summarizer.then((s) => s.close?.()).catch(() => undefined);
      }
    },
  };
}
