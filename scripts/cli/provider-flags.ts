import { UsageError } from '#lib/errors';
import { parseIntFlag } from './options';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import { PROVIDERS, SUMMARIZE_PROVIDERS } from '#lib/summarize/providers';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from '#lib/summarize/openai-defaults';
import { resolveOpenAIKey } from '#lib/summarize/openai-key';

/**
 * The provider a `--provider`/`--space` pair (or `--baseline-provider`/`--baseline-space`) names; `--space` alone
 * implies a Space. The token and Hub URL come from the environment so they never appear in shell history.
 */
export function parseProviderSpec(
  flag: string,
  name: string | undefined,
  space: string | undefined,
  env: NodeJS.ProcessEnv,
  /** Given by commands that offer --provider openai (summarize); eval doesn't. */
  openai?: OpenAIFlags,
): ProviderSpec {
  const kind = name ?? (space !== undefined ? 'space' : 'embedded');
  const allowed: readonly string[] = openai ? SUMMARIZE_PROVIDERS : PROVIDERS;
  if (!allowed.includes(kind)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${kind}"`);
  }
  if (kind === 'embedded') {
    if (space !== undefined)
      throw new UsageError(`--${flag === 'provider' ? '' : 'baseline-'}space needs --${flag} space`);
    return { kind: 'embedded' };
  }
  if (kind === 'openai') return openAISpec(openai ?? {}, env);
  if (space === undefined || space.trim() === '') {
    throw new UsageError(
      `--${flag} space needs --${flag === 'provider' ? '' : 'baseline-'}space owner/name or a Space URL`,
    );
  }
  const token = env.HF_TOKEN?.trim();
  const hubUrl = env.SUMOPS_HUB_URL?.trim();
  return { kind: 'space', space, ...(token ? { token } : {}), ...(hubUrl ? { hubUrl } : {}) };
}

export interface OpenAIFlags {
  baseUrl?: string | undefined;
  model?: string | undefined;
  contextTokens?: number | undefined;
}

/** Flag specs and help lines for the OpenAI-compatible provider, shared by summarize, digest and ask. */
export const openAIFlagSpecs = {
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'context-tokens': { type: 'string' },
} as const;

export const OPENAI_OPTIONS_HELP = `  --base-url URL       OpenAI-compatible API base (default $OPENAI_BASE_URL or https://api.openai.com/v1);
                       e.g. https://router.huggingface.co/v1, http://localhost:11434/v1 (Ollama)
  --model NAME         model (default $OPENAI_MODEL or gpt-4o-mini)
  --context-tokens N   the model's context window, sets the input budget (default 8192)`;

export function parseOpenAIFlags(values: {
  'base-url'?: string | undefined;
  model?: string | undefined;
  'context-tokens'?: string | undefined;
}): OpenAIFlags {
  return {
    baseUrl: values['base-url'],
    model: values.model,
    contextTokens: parseIntFlag('context-tokens', values['context-tokens'], { min: 1024, max: 10_000_000 }),
  };
}

/**
 * `--provider openai`: base URL and model from flags, else OPENAI_BASE_URL / OPENAI_MODEL; the key from
 * OPENAI_API_KEY, or HF_TOKEN for the Hugging Face router (both never printed).
 */
export function openAISpec(flags: OpenAIFlags, env: NodeJS.ProcessEnv): ProviderSpec {
  const baseUrl = (flags.baseUrl ?? env.OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL).trim();
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl))
    throw new UsageError(
      `--base-url must be an http(s) URL such as ${DEFAULT_OPENAI_BASE_URL}, got "${baseUrl}"`,
    );
  const model = (flags.model ?? env.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL).trim();
  if (model === '') throw new UsageError('--model must not be empty');
  const apiKey = resolveOpenAIKey(baseUrl, {
    openaiApiKey: env.OPENAI_API_KEY,
    hfToken: env.HF_TOKEN,
  })?.apiKey;
  return {
    kind: 'openai',
    baseUrl,
    model,
    ...(apiKey ? { apiKey } : {}),
    ...(flags.contextTokens !== undefined ? { contextTokens: flags.contextTokens } : {}),
  };
}
