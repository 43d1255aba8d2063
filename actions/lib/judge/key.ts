import { resolveOpenAIKey } from '#lib/summarize/openai-key';
import type { OpenAIKeySource, OpenAIKeySources } from '#lib/summarize/openai-key';

export interface JudgeKeySources extends OpenAIKeySources {
  /** SUMOPS_JUDGE_API_KEY (or the action's judge key input): a key for the judge alone. */
  judgeApiKey?: string | undefined;
}

/** Where the judge's key came from, so a 401 hint names SUMOPS_JUDGE_API_KEY, OPENAI_API_KEY or HF_TOKEN. */
export type JudgeKeySource = 'judge' | OpenAIKeySource;

/**
 * The judge's key: its own, else what the openai provider would use for `baseUrl` (OPENAI_API_KEY, else HF_TOKEN
 * for the Hugging Face router). The entry reads the variables or inputs and passes them in.
 */
export function resolveJudgeKey(
  baseUrl: string,
  sources: JudgeKeySources,
): { apiKey: string; source: JudgeKeySource } | undefined {
  const own = sources.judgeApiKey?.trim();
  if (own) return { apiKey: own, source: 'judge' };
  return resolveOpenAIKey(baseUrl, sources);
}
