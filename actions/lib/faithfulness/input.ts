import { z } from 'zod';
import { SumopsError } from '#lib/errors';

/** One scoring request, as read from a JSONL line: `{id?, source, summary}` (other keys are ignored). */
const faithfulnessInputSchema = z.object({
  id: z.unknown().optional(),
  source: z.string(),
  summary: z.string(),
});
export type FaithfulnessInput = z.infer<typeof faithfulnessInputSchema>;

const EXPECTED_SHAPE = 'expected {"source": string, "summary": string} with an optional "id"';

/** A JSONL line that is not a scoring request; `line` is 1-based. */
export class FaithfulnessInputError extends SumopsError {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}; ${EXPECTED_SHAPE}`);
  }
}

/** Parses and validates one non-blank JSONL line. Throws {@link FaithfulnessInputError} naming the line. */
export function parseFaithfulnessInputLine(text: string, line: number): FaithfulnessInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FaithfulnessInputError(
      line,
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FaithfulnessInputError(line, 'not a JSON object');
  const parsed = faithfulnessInputSchema.safeParse(value);
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.path[0];
    throw new FaithfulnessInputError(line, `"${String(key)}" is missing or not a string`);
  }
  return parsed.data;
}
