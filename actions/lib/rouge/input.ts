import { SumopsError } from '#lib/errors';

/** One scoring request, as read from a JSONL line: `{id?, prediction, reference | references}`. */
export interface RougeInput {
  id?: unknown;
  prediction: string;
  references: string[];
}

const EXPECTED_SHAPE =
  'expected {"prediction": string, "reference": string} or {"prediction": string, "references": [string, ...]}';

/** A JSONL line that is not a scoring request; `line` is 1-based. */
export class RougeInputError extends SumopsError {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}; ${EXPECTED_SHAPE}`);
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Parses and validates one non-blank JSONL line. Throws {@link RougeInputError} naming the line and the problem. */
export function parseRougeInputLine(text: string, line: number): RougeInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RougeInputError(
      line,
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RougeInputError(line, 'not a JSON object');
  }
  const record = value as Record<string, unknown>;
  if (typeof record.prediction !== 'string')
    throw new RougeInputError(line, '"prediction" is missing or not a string');
  let references: string[];
  if (record.references !== undefined) {
    if (!isStringArray(record.references) || record.references.length === 0) {
      throw new RougeInputError(line, '"references" must be a non-empty array of strings');
    }
    references = record.references;
  } else if (typeof record.reference === 'string') {
    references = [record.reference];
  } else {
    throw new RougeInputError(line, '"reference" is missing or not a string');
  }
  return { ...('id' in record ? { id: record.id } : {}), prediction: record.prediction, references };
}
