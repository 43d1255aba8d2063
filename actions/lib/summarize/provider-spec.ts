/** Which summarizer to use, as parsed from CLI flags or action inputs. */
export type ProviderSpec =
  | { kind: 'embedded' }
  | {
      kind: 'space';
      /** `owner/name` (resolved through the Hub API) or a full URL such as http://127.0.0.1:7860. */
      space: string;
      token?: string;
      /** Hub API base; DEFAULT_HUB_URL (#lib/defaults) when absent. */
      hubUrl?: string;
    }
  | {
      kind: 'openai';
      /** OpenAI-compatible API base, e.g. https://api.openai.com/v1, https://router.huggingface.co/v1. */
      baseUrl: string;
      model: string;
      apiKey?: string;
      /** The model's context window in tokens. */
      contextTokens?: number;
    };
