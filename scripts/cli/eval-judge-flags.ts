import { resolve } from 'node:path';
import { UsageError } from '#lib/errors';
import { resolveJudgeKey } from '#lib/judge/key';
import type { JudgeSettings } from '#lib/judge/settings';
import { MAX_JUDGE_CONCURRENCY } from '#lib/judge/settings';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from '#lib/summarize/openai-defaults';
import { parseIntFlag } from './options';

// `sumops eval --judge openai` and its settings. Parsing them loads none of the judge's client code: that is
// loaded by the evaluation, and only when --judge is given.

/** The judges `--judge` accepts: an OpenAI-compatible chat completions endpoint (OpenAI, the HF router, vLLM…). */
const JUDGES = ['openai'] as const;

export const judgeFlagSpecs = {
  judge: { type: 'string' },
  'judge-model': { type: 'string' },
  'judge-base-url': { type: 'string' },
  'judge-concurrency': { type: 'string' },
  'judge-cache': { type: 'string' },
  'judge-context-tokens': { type: 'string' },
} as const;

export const JUDGE_OPTIONS_HELP = `  --judge openai             also grade every summary with an LLM judge (judge-faithfulness claim by claim,
                             judge-coverage, judge-coherence; 1 call per case). Reported, never gating unless
                             a --threshold judge-…=VALUE says so; see docs/judge.md
  --judge-model NAME         the judge model (default ${DEFAULT_OPENAI_MODEL}); pinned in scores.json
  --judge-base-url URL       OpenAI-compatible API base (default ${DEFAULT_OPENAI_BASE_URL}), e.g.
                             https://router.huggingface.co/v1 or http://localhost:11434/v1
  --judge-concurrency N      judge calls in flight at once (default 4, at most ${MAX_JUDGE_CONCURRENCY})
  --judge-cache DIR          keep each judgement in DIR: an identical re-run makes no call
  --judge-context-tokens N   the judge model's context window (default 8192); a source beyond it is judged
                             on its map-reduce condensation`;

export const JUDGE_ENV_HELP =
  'SUMOPS_JUDGE_API_KEY (the judge key), else OPENAI_API_KEY, else HF_TOKEN for the Hugging Face router';

type JudgeFlagValues = { [K in keyof typeof judgeFlagSpecs]?: string | undefined };

/** The judge's settings from the flags, the key from the environment; undefined without --judge. */
export function parseJudgeFlags(
  values: JudgeFlagValues,
  env: NodeJS.ProcessEnv,
  cwd: string,
): JudgeSettings | undefined {
  if (values.judge === undefined) {
    const stray = (Object.keys(judgeFlagSpecs) as (keyof JudgeFlagValues)[]).find(
      (flag) => values[flag] !== undefined,
    );
    if (stray) throw new UsageError(`--${stray} needs --judge openai`);
    return undefined;
  }
  if (!(JUDGES as readonly string[]).includes(values.judge))
    throw new UsageError(`--judge must be one of ${JUDGES.join(', ')}, got "${values.judge}"`);
  const baseUrl = (values['judge-base-url'] ?? DEFAULT_OPENAI_BASE_URL).trim();
  if (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl))
    throw new UsageError(
      `--judge-base-url must be an http(s) URL such as ${DEFAULT_OPENAI_BASE_URL}, got "${baseUrl}"`,
    );
  const model = (values['judge-model'] ?? DEFAULT_OPENAI_MODEL).trim();
  if (model === '') throw new UsageError('--judge-model must not be empty');
  const key = resolveJudgeKey(baseUrl, {
    judgeApiKey: env.SUMOPS_JUDGE_API_KEY,
    openaiApiKey: env.OPENAI_API_KEY,
    hfToken: env.HF_TOKEN,
  });
  const concurrency = parseIntFlag('judge-concurrency', values['judge-concurrency'], {
    min: 1,
    max: MAX_JUDGE_CONCURRENCY,
  });
  const contextTokens = parseIntFlag('judge-context-tokens', values['judge-context-tokens'], {
    min: 1024,
    max: 10_000_000,
  });
  const cacheDir = values['judge-cache'];
  if (cacheDir?.trim() === '') throw new UsageError('--judge-cache must name a folder');
  return {
    baseUrl,
    model,
    ...(key ? { apiKey: key.apiKey, keySource: key.source } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(contextTokens !== undefined ? { contextTokens } : {}),
    ...(cacheDir !== undefined ? { cacheDir: resolve(cwd, cacheDir) } : {}),
  };
}
