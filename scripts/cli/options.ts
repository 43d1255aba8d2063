import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from '#lib/errors';
import { commandErrorLine } from './error-hints';
import type { CliIO } from './io';
import { EXIT } from './io';

/**
 * node:util parseArgs in strict mode (with `--no-<flag>` for booleans), its errors turned into UsageError (exit 2)
 * that point at --help. Commands that take no positionals reject them here too.
 */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(
  command: string,
  argv: string[],
  options: T,
  { positionals = true }: { positionals?: boolean } = {},
) {
  try {
    return parseArgs({
      args: attachNegativeValues(argv, options),
      options,
      strict: true,
      allowPositionals: positionals,
      allowNegative: true,
    });
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} (see sumops ${command} --help)`);
  }
}

/**
 * `--timeout -1` as `--timeout=-1`: parseArgs refuses a value that starts with a dash as "ambiguous", and the user
 * should hear what the valid range is instead (the flag's own check says it).
 */
function attachNegativeValues(argv: string[], options: ParseArgsOptionsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** parseArgs' errors in sumops' words, one line each. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
    return message.includes('does not take an argument')
      ? `${option} takes no value`
      : `${option} needs a value`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const value = /'([^']*)'/.exec(message)?.[1];
    return `unexpected argument${value === undefined ? '' : ` "${value}"`}: this command takes options only`;
  }
  return message;
}

/**
 * The start every command shares: run its option parser, print `help` for --help (exit 0), turn a UsageError into
 * one stderr line (exit 2). Returns the options, or the exit code the command should return.
 */
export function parseOptionsOrExit<T extends object>(
  command: string,
  io: CliIO,
  help: string,
  parse: () => T | 'help',
): T | number {
  let options: T | 'help';
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${commandErrorLine(command, error)}\n`);
    return EXIT.usage;
  }
  if (options !== 'help') return options;
  io.stdout.write(help);
  return EXIT.ok;
}

/** An integer flag within [min, max]; undefined when the flag is absent. */
export function parseIntFlag(
  name: string,
  value: string | undefined,
  { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const number = /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return number;
}

/** A byte count such as 5000000, 500k, 5M or 1G (powers of 1024 for the suffixes). */
export function parseByteSizeFlag(
  name: string,
  value: string | undefined,
  { min = 1 } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(value.trim());
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    (match?.[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g'
  ];
  const bytes = match?.[1] ? Number(match[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < min)
    throw new UsageError(
      `--${name} must be a byte count like 5000000, 500k or 5M (at least ${min}), got "${value}"`,
    );
  return bytes;
}
