import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from '#lib/errors';
import { describeCliError } from './error-hints';
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
      args: argv,
      options,
      strict: true,
      allowPositionals: positionals,
      allowNegative: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${message} (see sumops ${command} --help)`);
  }
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
    io.stderr.write(`sumops ${command}: ${describeCliError(error)}\n`);
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
