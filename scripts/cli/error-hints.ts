import { errorMessage, InvalidValueError, messageAfter } from '#lib/errors';
import { GateConfigError } from '#lib/evaluate/errors';
import { InvalidSpaceRefError } from '#lib/hub/space-ref';
import { DeadlineExceededError } from '#lib/deadline/deadline';
import { NotARegularFileError, SourceTooLargeError } from '#lib/ingest/errors';
import { JudgeSettingError } from '#lib/judge/errors';
import type { JudgeKeySource } from '#lib/judge/key';
import { LcsTooLargeError } from '#lib/rouge/lcs';
import { phraseEvaluationAdvice } from '#lib/evaluate/failure-advice';
import type { EvaluationAdviceWording } from '#lib/evaluate/failure-advice';
import { describeDigestFailure } from '#lib/digest/failure-advice';
import type { DigestAdviceWording } from '#lib/digest/failure-advice';

/**
 * What a CLI user can change about a library error, in the CLI's words (flags, environment variables). Library
 * errors state the fact and carry the data; only this module knows the flag names. Undefined: nothing to add.
 */
export function cliHint(error: unknown): string | undefined {
  const evaluation = phraseEvaluationAdvice(error, EVALUATION_WORDING);
  if (evaluation) return evaluation;
  if (error instanceof DeadlineExceededError) return 'raise --deadline to allow more time';
  if (error instanceof SourceTooLargeError) return 'raise --max-bytes if it is legitimate';
  if (error instanceof NotARegularFileError) return 'to read a stream, pipe it to - on stdin';
  if (error instanceof LcsTooLargeError) return 'score it with --types rouge1,rouge2, or shorten the texts';
  if (error instanceof InvalidValueError && error.what === 'shard') return 'check --shard';
  if (error instanceof InvalidSpaceRefError) return 'check --space / --baseline-space';
  if (error instanceof GateConfigError)
    return error.what === 'threshold' ? 'check --threshold' : 'check --tolerance';
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

/** The evaluation advice (lib/evaluate/failure-advice.ts) in the CLI's words: its flags and environment. */
const EVALUATION_WORDING: EvaluationAdviceWording = {
  'fetch-timeout': ({ phase, timeoutMs }) =>
    phase === 'total'
      ? `raise --timeout above ${timeoutMs} to wait longer`
      : 'raise --connect-timeout to wait longer for the response headers',
  'page-too-large': `raise --max-bytes (e.g. --max-bytes 20M) if this page is legitimate`,
  'no-fixtures': 'pass --fixtures with globs that match some',
  'baseline-file': 'pass --baseline a scores.json written by `sumops eval --out DIR`',
  'missing-shards': ({ missing, count }) =>
    `run \`sumops eval --shard ${missing[0] ?? 1}/${count} --out DIR\` for each missing shard and pass every shard file`,
  'shard-set':
    'pass the shard files of one `sumops eval --shard K/N` run (same commit and fixtures), each once',
  'space-access': ({ tokenGiven }) =>
    tokenGiven
      ? 'the token comes from HF_TOKEN'
      : 'set HF_TOKEN to a Hugging Face token that can read the Space',
  'space-paused': 'set HF_TOKEN to a write token so sumops restarts it',
  'hub-unreachable': 'SUMOPS_HUB_URL sets the Hub URL',
};

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

/** The digest advice (lib/digest/failure-advice.ts) in the CLI's words. */
const DIGEST_WORDING: DigestAdviceWording = {
  'private-network': 'pass --allow-private-network if it is yours',
  'missing-api-key': 'set OPENAI_API_KEY (or HF_TOKEN for the Hugging Face router)',
  'api-key-refused': 'check OPENAI_API_KEY',
};

/**
 * The reason `sumops digest` prints beside a failed URL (so without the URL: messageAfter), with the flag or
 * variable that changes it; a failure of the whole run has no URL.
 */
export function digestReason(error: unknown, url?: string): string {
  return describeDigestFailure(error, url, DIGEST_WORDING);
}
