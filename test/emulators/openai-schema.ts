/**
 * What the OpenAI emulator checks of `response_format`, after OpenAI's Structured Outputs guide
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas): `type` is text, json_object or
 * json_schema; a json_schema has a `name` of letters, digits, `_` and `-` (at most 64) and a `schema`; with
 * `strict: true` the root is an object, every object says `additionalProperties: false` and lists every property
 * in `required`, and nesting is at most 10 levels. The messages follow OpenAI's ("Invalid schema for
 * response_format 'x': In context=('properties', 'y'), 'additionalProperties' is required to be supplied and to be
 * false.").
 */
import { Ajv } from 'ajv';

const MAX_DEPTH = 10;

export interface JsonSchemaFormat {
  name: string;
  strict: boolean;
  schema: Record<string, unknown>;
}

export type FormatCheck =
  | { kind: 'text' }
  | { kind: 'json_object' }
  | { kind: 'json_schema'; format: JsonSchemaFormat }
  | { kind: 'invalid'; name: string; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const context = (path: readonly string[]) => `In context=(${path.map((p) => `'${p}'`).join(', ')})`;

function strictProblem(schema: unknown, path: string[], depth: number): string | undefined {
  if (!isObject(schema)) return undefined;
  if (depth > MAX_DEPTH) return `${context(path)}, the schema is nested more than ${MAX_DEPTH} levels deep.`;
  if (schema.type === 'object' || isObject(schema.properties)) {
    if (schema.additionalProperties !== false)
      return `${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    const keys = Object.keys(isObject(schema.properties) ? schema.properties : {});
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined)
      return `${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    for (const key of keys) {
      const problem = strictProblem(
        (schema.properties as Record<string, unknown>)[key],
        [...path, 'properties', key],
        depth + 1,
      );
      if (problem) return problem;
    }
  }
  if (schema.items !== undefined) return strictProblem(schema.items, [...path, 'items'], depth + 1);
  return undefined;
}

export function checkResponseFormat(responseFormat: unknown): FormatCheck {
  if (responseFormat === undefined) return { kind: 'text' };
  const type = isObject(responseFormat) ? responseFormat.type : undefined;
  if (type === 'text') return { kind: 'text' };
  if (type === 'json_object') return { kind: 'json_object' };
  const spec = isObject(responseFormat) ? responseFormat.json_schema : undefined;
  if (type !== 'json_schema' || !isObject(spec))
    return { kind: 'invalid', name: '', message: "'type' must be one of text, json_object, json_schema." };
  const name = typeof spec.name === 'string' ? spec.name : '';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
    return { kind: 'invalid', name, message: "'name' must be 1-64 letters, digits, underscores or dashes." };
  if (!isObject(spec.schema)) return { kind: 'invalid', name, message: "'schema' must be an object." };
  const strict = spec.strict === true;
  if (strict) {
    if (spec.schema.type !== 'object')
      return {
        kind: 'invalid',
        name,
        message: `${context([])}, schema must be a JSON Schema of 'type: "object"'.`,
      };
    const problem = strictProblem(spec.schema, [], 1);
    if (problem) return { kind: 'invalid', name, message: problem };
  }
  return { kind: 'json_schema', format: { name, strict, schema: spec.schema } };
}

const ajv = new Ajv({ strict: false, allErrors: false });

/** Why `content` is not JSON matching `schema`, or undefined when it is. */
export function answerProblem(schema: Record<string, unknown>, content: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return 'not JSON';
  }
  const validate = ajv.compile(schema);
  return validate(json) ? undefined : ajv.errorsText(validate.errors);
}
