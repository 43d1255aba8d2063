import { InvalidValueError, UsageError } from '#lib/errors';

/** The slice of @actions/core an entry's input parsing needs; tests pass a plain object. */
export interface InputReader {
  getInput(name: string): string;
  setSecret(secret: string): void;
}

/** An action input that doesn't parse; the message names the input, what it got and what it expects. */
export class ActionInputError extends UsageError {
  constructor(
    readonly input: string,
    readonly value: string,
    /** Usually "expected …"; ends the one-line message. */
    readonly detail: string,
  ) {
    super(`Input "${input}" is ${value === '' ? 'empty' : `"${value}"`}: ${detail.replace(/\.$/, '')}.`);
  }
}

export function booleanInput(reader: InputReader, name: string, fallback: boolean): boolean {
  const value = reader.getInput(name).trim();
  if (value === '') return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new ActionInputError(name, value, 'expected true or false');
}

export function integerInput(
  reader: InputReader,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const value = reader.getInput(name).trim();
  if (value === '') return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
    throw new ActionInputError(name, value, `expected a whole number from ${range.min} to ${range.max}`);
  }
  return number;
}

export function choiceInput<T extends string>(
  reader: InputReader,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = reader.getInput(name).trim();
  if (value === '') return fallback;
  const choice = choices.find((c) => c === value.toLowerCase());
  if (!choice) throw new ActionInputError(name, value, `expected one of ${choices.join(', ')}`);
  return choice;
}

/** Reads a token and masks it in the log at once, before anything can print it. */
export function secretInput(reader: InputReader, name: string): string {
  const value = reader.getInput(name).trim();
  if (value !== '') reader.setSecret(value);
  return value;
}

/**
 * Splits a list input on newlines and on commas outside `{…}`, so globs like `test/eval/*.{jsonl,yaml}` survive.
 */
export function listInput(reader: InputReader, name: string): string[] {
  const items: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of reader.getInput(name)) {
    if (char === '{') depth++;
    if (char === '}') depth = Math.max(0, depth - 1);
    if (char === '\n' || (char === ',' && depth === 0)) {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * Runs a library parser on an input's value; its InvalidValueError (which carries the value and what was
 * expected) becomes an error naming the input.
 */
export function parsedInput<T>(name: string, value: string, parse: (value: string) => T): T {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof InvalidValueError) throw new ActionInputError(name, error.value, error.expected);
    throw error;
  }
}
