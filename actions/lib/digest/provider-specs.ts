import type { ConfigProvider, DigestConfig } from '#lib/config/index';
import { UsageError } from '#lib/errors';
import { resolveOpenAIKey } from '#lib/summarize/openai-key';
import type { ProviderSpec } from '#lib/summarize/provider-spec';

export interface DigestProviderSecrets {
  openaiApiKey?: string;
  hfToken?: string;
}

export interface DigestProviderOverrides {
  baseUrl?: string;
  model?: string;
  contextTokens?: number;
}

/** The config names a provider that needs settings it lacks. */
class ProviderSettingsMissingError extends UsageError {
  constructor(
    readonly provider: ConfigProvider,
    readonly key: string,
  ) {
    super(`provider ${provider} needs ${key} in the config`);
  }
}

/**
 * The ProviderSpec for a provider a digest config names: the config's `openai` and `space` blocks, overridden by
 * the entry's flags or inputs. The Hugging Face router takes HF_TOKEN as its key.
 */
export function digestProviderSpec(
  provider: ConfigProvider,
  config: DigestConfig,
  secrets: DigestProviderSecrets,
  overrides: DigestProviderOverrides = {},
): ProviderSpec {
  if (provider === 'embedded') return { kind: 'embedded' };
  if (provider === 'openai') {
    const baseUrl = overrides.baseUrl ?? config.openai['base-url'];
    const apiKey = resolveOpenAIKey(baseUrl, secrets)?.apiKey;
    return {
      kind: 'openai',
      baseUrl,
      model: overrides.model ?? config.openai.model,
      ...(apiKey ? { apiKey } : {}),
      ...(overrides.contextTokens !== undefined ? { contextTokens: overrides.contextTokens } : {}),
    };
  }
  if (!config.space) throw new ProviderSettingsMissingError('space', 'space.id (owner/name or a URL)');
  return { kind: 'space', space: config.space.id, ...(secrets.hfToken ? { token: secrets.hfToken } : {}) };
}
