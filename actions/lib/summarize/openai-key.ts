/** Where an OpenAI-compatible endpoint's key can come from, as the entry read them (the library never reads env). */
export interface OpenAIKeySources {
  /** OPENAI_API_KEY, or the action's openai-api-key input. */
  openaiApiKey?: string | undefined;
  /** HF_TOKEN: the Hugging Face router (https://router.huggingface.co/v1) takes a Hub token as its key. */
  hfToken?: string | undefined;
}

/** Which of the sources a key came from, so a 401 hint can name the variable or input to fix. */
export type OpenAIKeySource = 'openai' | 'hf';

export function isHuggingFaceRouter(baseUrl: string): boolean {
  return URL.canParse(baseUrl) && new URL(baseUrl).hostname === 'router.huggingface.co';
}

/**
 * The key for `baseUrl`: the OpenAI key, else the Hub token when the endpoint is the Hugging Face router. Blank
 * values count as unset; none at all is fine for local servers (Ollama, vLLM), and the provider says so for hosts
 * that need one.
 */
export function resolveOpenAIKey(
  baseUrl: string,
  sources: OpenAIKeySources,
): { apiKey: string; source: OpenAIKeySource } | undefined {
  const openaiApiKey = sources.openaiApiKey?.trim();
  if (openaiApiKey) return { apiKey: openaiApiKey, source: 'openai' };
  const hfToken = sources.hfToken?.trim();
  if (hfToken && isHuggingFaceRouter(baseUrl)) return { apiKey: hfToken, source: 'hf' };
  return undefined;
}
