import { zodResponseFormat } from 'openai/helpers/zod';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { z } from 'zod';
import { CLAIM_VERDICTS, MAX_CLAIMS } from './types';

const rating = z.int().min(1).max(5);

/**
 * The judge's answer: the one schema both for the request (as a strict JSON schema) and for checking the answer
 * (and the cache entries that keep it). Reasons come before scores so the model reasons first (G-Eval's order).
 */
export const judgeAnswerSchema = z.object({
  claims: z
    .array(
      z.object({
        claim: z.string().describe("One atomic factual statement of the summary, in the summary's words."),
        verdict: z.enum(CLAIM_VERDICTS),
      }),
    )
    .min(1)
    .max(MAX_CLAIMS),
  faithfulness_reason: z
    .string()
    .describe('One sentence: the most serious unsupported claim, or that none is.'),
  coverage: z.object({ reason: z.string(), score: rating }),
  coherence: z.object({ reason: z.string(), score: rating }),
});
export type JudgeAnswer = z.infer<typeof judgeAnswerSchema>;

/** Name of the response format (`json_schema.name`): letters, digits, `_` and `-`, at most 64. */
const FORMAT_NAME = 'sumops_judge';

/**
 * `response_format` for chat completions: `{type: 'json_schema', json_schema: {name, strict: true, schema}}`.
 * openai's zodResponseFormat converts zod 4 schemas (z.toJSONSchema, draft 7) and checks them against the strict
 * subset (every property required, no additional properties); only the plain fields are kept for the request body.
 */
export const JUDGE_RESPONSE_FORMAT: ResponseFormatJSONSchema = (() => {
  const format = zodResponseFormat(judgeAnswerSchema, FORMAT_NAME);
  return { type: format.type, json_schema: format.json_schema };
})();

/** Longest answer read (characters); the output token cap keeps real answers far below it. */
const MAX_ANSWER_CHARS = 64 * 1024;

export type ParsedAnswer = { ok: true; answer: JudgeAnswer } | { ok: false; reason: string };

/**
 * The answer's JSON checked against the schema. Servers without strict structured output sometimes wrap the JSON in
 * a Markdown code fence; that one wrapper is removed. On failure, `reason` says what was wrong in one line.
 */
export function parseJudgeAnswer(content: string): ParsedAnswer {
  if (content.length > MAX_ANSWER_CHARS)
    return { ok: false, reason: `answer of ${content.length} characters is over ${MAX_ANSWER_CHARS}` };
  const unfenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(content.trim())?.[1] ?? content;
  let json: unknown;
  try {
    json = JSON.parse(unfenced);
  } catch (error) {
    return { ok: false, reason: `answer is not JSON (${(error as Error).message})` };
  }
  const parsed = judgeAnswerSchema.safeParse(json);
  if (parsed.success) return { ok: true, answer: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`);
  return { ok: false, reason: `answer does not match the schema (${issues.join('; ')})` };
}
