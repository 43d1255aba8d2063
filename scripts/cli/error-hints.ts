import { errorMessage, InvalidValueError, messageAfter } from '#lib/errors';
import {
  BaselineFileError,
  GateConfigError,
  MissingShardsError,
  NoFixturesError,
  ShardSetError,
} from '#lib/evaluate/errors';
import { HubUnreachableError, SpaceAccessError, SpacePausedError } from '#lib/hub/errors';
import { InvalidSpaceRefError } from '#lib/hub/space-ref';
import { DeadlineExceededError } from '#lib/deadline/deadline';
import {
  BlockedAddressSourceError,
  BodyTooLargeError,
  FetchTimeoutError,
  NotARegularFileError,
  SourceTooLargeError,
} from '#lib/ingest/errors';
import { JudgeSettingError } from '#lib/judge/errors';
import type { JudgeKeySource } from '#lib/judge/key';
import { LcsTooLargeError } from '#lib/rouge/lcs';
import { MissingApiKeyError, OpenAIAuthError } from '#lib/summarize/openai-errors';

/**
 * What a CLI user can change about a library error, in the CLI's words (flags, environment variables). Library
 * errors state the fact and carry the data; only this module knows the flag names. Undefined: nothing to add.
 */
export function cliHint(error: unknown): string | undefined {
  if (error instanceof FetchTimeoutError) {
    return error.phase === 'total'
      ? `raise --timeout above ${error.timeoutMs} to wait longer`
      : 'raise --connect-timeout to wait longer for the response headers';
  }
  if (error instanceof DeadlineExceededError) return 'raise --deadline to allow more time';
  if (error instanceof SourceTooLargeError) return 'raise --max-bytes if it is legitimate';
  if (error instanceof NotARegularFileError) return 'to read a stream, pipe it to - on stdin';
  if (error instanceof LcsTooLargeError) return 'score it with --types rouge1,rouge2, or shorten the texts';
  if (error instanceof BodyTooLargeError)
    return `raise --max-bytes (e.g. --max-bytes 20M) if this page is legitimate`;
  if (error instanceof NoFixturesError) return 'pass --fixtures with globs that match some';
  if (error instanceof BaselineFileError)
    return 'pass --baseline a scores.json written by `sumops eval --out DIR`';
  if (error instanceof MissingShardsError)
    return `run \`sumops eval --shard ${error.missing[0] ?? 1}/${error.count} --out DIR\` for each missing shard and pass every shard file`;
  if (error instanceof ShardSetError)
    return 'pass the shard files of one `sumops eval --shard K/N` run (same commit and fixtures), each once';
  if (error instanceof InvalidValueError && error.what === 'shard') return 'check --shard';
  if (error instanceof InvalidSpaceRefError) return 'check --space / --baseline-space';
  if (error instanceof GateConfigError)
    return error.what === 'threshold' ? 'check --threshold' : 'check --tolerance';
  if (error instanceof SpaceAccessError)
    return error.tokenGiven
      ? 'the token comes from HF_TOKEN'
      : 'set HF_TOKEN to a Hugging Face token that can read the Space';
  if (error instanceof SpacePausedError) return 'set HF_TOKEN to a write token so sumops restarts it';
  if (error instanceof HubUnreachableError) return 'SUMOPS_HUB_URL sets the Hub URL';
  if (error instanceof JudgeSettingError) return judgeHint(error);
  return undefined;
}

/** The variable each judge key source is read from (`sumops eval --judge`). */
const JUDGE_KEY_VARIABLES: Record<JudgeKeySource, string> = {
  judge: 'SUMOPS_JUDGE_API_KEY',
  openai: 'OPENAI_API_KEY',
  hf: 'HF_TOKEN',
};

/** The judge flag or the variable that supplied its key: the one thing to change. */
function judgeHint(error: JudgeSettingError): string {
  switch (error.setting) {
    case 'apiKey': {
      if (error.keySource === undefined)
        return 'set SUMOPS_JUDGE_API_KEY (or OPENAI_API_KEY, or HF_TOKEN for the Hugging Face router)';
      const variable = JUDGE_KEY_VARIABLES[error.keySource];
      return error.status === 403
        ? `use a key that may (the key came from ${variable}) or another --judge-model`
        : `check ${variable}, which supplied the key`;
    }
    case 'model':
      return 'check --judge-model';
    case 'baseUrl':
      return 'check --judge-base-url';
    case 'contextTokens':
      return "raise --judge-context-tokens to the judge model's context window";
  }
}

/**
 * The one line the CLI prints for an error, with the CLI's hint appended; with --debug, the stack as well. With a
 * `subject` (the source a `sumops: SOURCE: …` line has already named), the message leaves that name out.
 */
export function describeCliError(
  error: unknown,
  options: { debug?: boolean; subject?: string } = {},
): string {
  const hint = cliHint(error);
  const message = options.subject === undefined ? errorMessage(error) : messageAfter(options.subject, error);
  const line = hint ? `${message.replace(/[.;]\s*$/, '')}; ${hint}` : message;
  if (!options.debug || !(error instanceof Error) || !error.stack) return line;
  // The stack starts with "Name: message"; keep that name and put the hinted line in its place.
  const newline = error.stack.indexOf('\n');
  return `${error.name}: ${line}${newline === -1 ? '' : error.stack.slice(newline)}`;
}

/** `sumops[ COMMAND]: SOURCE: reason; hint`: one source's failure, its name said once (summarize, extract, ask). */
export function sourceErrorLine(
  command: string | undefined,
  source: string,
  error: unknown,
  options: { debug?: boolean } = {},
): string {
  return `${prefix(command)}${source}: ${describeCliError(error, { ...options, subject: source })}`;
}

/** `sumops[ COMMAND]: message; hint`: a failure of a whole command. */
export function commandErrorLine(
  command: string | undefined,
  error: unknown,
  options: { debug?: boolean } = {},
): string {
  return `${prefix(command)}${describeCliError(error, options)}`;
}

function prefix(command: string | undefined): string {
  return command === undefined ? 'sumops: ' : `sumops ${command}: `;
}

/**
 * The reason `sumops digest` prints beside a failed URL (so without the URL: messageAfter), with the flag or
 * variable that changes it; a failure of the whole run has no URL.
 */
export function digestReason(error: unknown, url?: string): string {
  const message = url === undefined ? errorMessage(error) : messageAfter(url, error);
  if (error instanceof BlockedAddressSourceError)
    return `${message} (pass --allow-private-network if it is yours)`;
  if (error instanceof MissingApiKeyError)
    return `${message}; set OPENAI_API_KEY (or HF_TOKEN for the Hugging Face router)`;
  if (error instanceof OpenAIAuthError) return `${message}; check OPENAI_API_KEY`;
  return message;
}
