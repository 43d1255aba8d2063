import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandErrorLine, digestReason, sourceErrorLine } from '../../../scripts/cli/error-hints';
import { deployErrorText } from '../../../scripts/cli/deploy-hints';
import { parseConfig } from '#lib/config/index';
import { ConfigError, ConfigTooLargeError } from '#lib/config/errors';
import { ConfigNotFoundError } from '#lib/config/read-config-file';
import { DeadlineExceededError } from '#lib/deadline/deadline';
import {
  HubWriteError,
  InvalidSpaceIdError,
  AppTokenRequiredError,
  LocalFileError,
  MalformedTokenError,
  MissingTokenError,
  RejectedTokenError,
  RollbackConflictError,
  SettingsLineError,
  SpaceMissingError,
  SpaceTagMismatchError,
  SyncConflictError,
  SyncLimitError,
  TokenPermissionError,
} from '#lib/deploy/errors';
import { loadIgnoreRules } from '#lib/deploy/ignore-rules';
import { PreviewNameError } from '#lib/deploy/preview';
import { SpaceDeployStageError, SpaceDeployTimeoutError } from '#lib/deploy/runtime';
import { SmokeTestError } from '#lib/deploy/smoke';
import { InvalidDigestUrlsError } from '#lib/digest/configured-digest';
import { FeedParseError } from '#lib/digest/feeds';
import { digestProviderSpec } from '#lib/digest/provider-specs';
import { InvalidValueError, SumopsError, UsageError } from '#lib/errors';
import { readBaselineFile } from '#lib/evaluate/baseline-file';
import {
  BaselineFileError,
  DuplicateCaseIdError,
  FixtureFormatError,
  GateConfigError,
  MissingDocumentLoaderError,
  MissingShardsError,
  NoFixturesError,
  ShardFileError,
  ShardSetError,
} from '#lib/evaluate/errors';
import { mergeShards } from '#lib/evaluate/merge';
import { FaithfulnessInputError } from '#lib/faithfulness/input';
import { FileChangedError, LinkRefusedError, readFileInFolder } from '#lib/fs/no-follow';
import { FileTooLargeError, NotAFileError, readFileBytes } from '#lib/fs/read-text-file';
import {
  GitHubAuthError,
  GitHubNotFoundError,
  GitHubRateLimitError,
  GitHubRequestError,
  GitHubValidationError,
  GitHubWriteForbiddenError,
} from '#lib/github/errors';
import type { GitHubFailure } from '#lib/github/errors';
import { formatHistoryLine } from '#lib/history/store';
import type { HistoryRecord } from '#lib/history/record';
import {
  HubRequestError,
  HubUnreachableError,
  SpaceAccessError,
  SpaceConnectError,
  SpaceEndpointError,
  SpacePausedError,
  SpacePredictionError,
  SpaceStageError,
  SpaceWakeTimeoutError,
} from '#lib/hub/errors';
import { InvalidSpaceRefError } from '#lib/hub/space-ref';
import {
  BinaryFileError,
  BlockedAddressSourceError,
  BodyTooLargeError,
  EmptyDocumentError,
  FetchTimeoutError,
  HttpStatusError,
  InvalidSourceError,
  InvalidTranscriptError,
  NetworkError,
  NoReadableTextError,
  NotARegularFileError,
  RedirectError,
  SourceIsDirectoryError,
  SourceNotFoundError,
  SourceTooLargeError,
  UnsupportedContentTypeError,
  WikipediaArticleNotFoundError,
} from '#lib/ingest/errors';
import { RougeInputError } from '#lib/rouge/input';
import { LcsTooLargeError } from '#lib/rouge/lcs';
import { InvalidRougeTypeError } from '#lib/rouge/types';
import { InvalidSummaryLengthError } from '#lib/summarize/embedded/length';
import { JudgeSettingError, settingErrorOf } from '#lib/judge/errors';
import {
  ContextOverflowError,
  EmptyCompletionError,
  MissingApiKeyError,
  OpenAIAuthError,
  OpenAIConnectionError,
  OpenAIRateLimitError,
  OpenAIRequestError,
  UnknownModelError,
} from '#lib/summarize/openai-errors';
import { InvalidHfTokenError } from '#lib/summarize/space';
import { EmptySummaryError, SummaryDidNotShrinkError } from '#lib/summarize/summarize-document';

/**
 * Every error the CLI can print, one row per error class (and per way of reaching it where a wrapper words it),
 * and every way the CLI prints errors: one source's line (`sumops: SOURCE: …`, also `sumops ask: SOURCE: …`), a
 * command's line (`sumops eval: …`, and `sumops: …` for what escapes a command), a digest row (`failed URL
 * (reason)`) and deploy's message-and-hint. Each printed line must be one line that names each thing once.
 */
type Printer = 'source' | 'command' | 'digest' | 'deploy';

interface Row {
  error: Error;
  /** How the CLI prints it. */
  printers: Printer[];
  /** The source or URL a `source`/`digest` line names before the reason. */
  subject?: string;
  /** Names the error holds (files, URLs, Space ids, case ids): none may appear twice in a printed line. */
  names: string[];
}

const root = join(import.meta.dirname, '../../..');
const SOURCE = 'notes/many.txt';
const PATH = '/work/notes/many.txt';
const URL_ = 'https://news.example/story';
const REDIRECTED = 'https://www.news.example/story/';
const SPACE = 'acme/summarizer';
const failure = (status: number, message = 'Bad credentials'): GitHubFailure => ({
  status,
  message,
  details: [],
  rateLimited: false,
});

let dir: string;
const rows: Record<string, Row[]> = {};
const add = (name: string, row: Row): void => {
  (rows[name] ??= []).push(row);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sumops-error-lines-'));
  const missing = join(dir, 'missing.json');
  const enoent = (await stat(missing).catch((error: unknown) => error)) as Error;

  // Sources: summarize, extract and ask print these after the source; digest prints the URL ones beside the URL.
  const source = (error: Error, subject: string, names: string[], digest = false): Row => ({
    error,
    subject,
    names: [subject, ...names],
    printers: digest ? ['source', 'digest'] : ['source'],
  });
  add('SourceNotFoundError', source(new SourceNotFoundError(SOURCE, PATH), SOURCE, [PATH]));
  add('SourceIsDirectoryError', source(new SourceIsDirectoryError(SOURCE, PATH), SOURCE, [PATH]));
  add('BinaryFileError', source(new BinaryFileError(SOURCE, PATH), SOURCE, [PATH]));
  add('BinaryFileError', source(new BinaryFileError('-', 'stdin'), '-', ['stdin']));
  add(
    'NotARegularFileError',
    source(new NotARegularFileError('/dev/zero', '/dev/zero', 'a character device'), '/dev/zero', []),
  );
  add('SourceTooLargeError', source(new SourceTooLargeError(PATH, PATH, 5_242_880), PATH, []));
  add('SourceTooLargeError', source(new SourceTooLargeError(SOURCE, PATH, 5_242_880), SOURCE, [PATH]));
  add('SourceTooLargeError', source(new SourceTooLargeError('-', 'stdin', 1024), '-', ['stdin']));
  add(
    'InvalidSourceError',
    source(new InvalidSourceError('ftp://x/', 'unsupported scheme "ftp:"'), 'ftp://x/', []),
  );
  add('NetworkError', source(new NetworkError(URL_, URL_, 'ENOTFOUND', 'no such host'), URL_, [], true));
  add(
    'NetworkError',
    source(new NetworkError(URL_, REDIRECTED, 'ECONNRESET', 'reset'), URL_, [REDIRECTED], true),
  );
  add('FetchTimeoutError', source(new FetchTimeoutError(URL_, URL_, 300, 'connect'), URL_, [], true));
  add('FetchTimeoutError', source(new FetchTimeoutError(URL_, URL_, 400, 'total'), URL_, [], true));
  add(
    'FetchTimeoutError',
    source(new FetchTimeoutError(URL_, REDIRECTED, 400, 'total'), URL_, [REDIRECTED], true),
  );
  add(
    'RedirectError',
    source(new RedirectError(URL_, REDIRECTED, 'too many redirects (more than 5)'), URL_, [REDIRECTED], true),
  );
  add(
    'RedirectError',
    source(new RedirectError(URL_, URL_, 'a redirect without a Location'), URL_, [], true),
  );
  add('HttpStatusError', source(new HttpStatusError(URL_, URL_, 404, 'Not Found'), URL_, [], true));
  add('HttpStatusError', source(new HttpStatusError(URL_, REDIRECTED, 503, ''), URL_, [REDIRECTED], true));
  add('BodyTooLargeError', source(new BodyTooLargeError(URL_, URL_, 5_242_880), URL_, [], true));
  add(
    'UnsupportedContentTypeError',
    source(new UnsupportedContentTypeError(URL_, 'application/pdf'), URL_, [], true),
  );
  add(
    'InvalidTranscriptError',
    source(new InvalidTranscriptError('talk.json', 'no results'), 'talk.json', []),
  );
  add('EmptyDocumentError', source(new EmptyDocumentError(URL_), URL_, [], true));
  add('NoReadableTextError', source(new NoReadableTextError(URL_, true), URL_, [], true));
  add('NoReadableTextError', source(new NoReadableTextError(URL_, false), URL_, [], true));
  add(
    'WikipediaArticleNotFoundError',
    source(new WikipediaArticleNotFoundError('wiki:Nope', 'Nope', 'en'), 'wiki:Nope', []),
  );
  add(
    'BlockedAddressSourceError',
    source(
      new BlockedAddressSourceError(URL_, URL_, 'news.example', '10.0.0.7'),
      URL_,
      ['news.example'],
      true,
    ),
  );
  add(
    'BlockedAddressSourceError',
    source(
      new BlockedAddressSourceError('http://127.0.0.1/', 'http://127.0.0.1/', '127.0.0.1', '127.0.0.1'),
      'http://127.0.0.1/',
      [],
      true,
    ),
  );
  add('DeadlineExceededError', source(new DeadlineExceededError(URL_, 'extraction', 100), URL_, [], true));
  // Summarizers fail per source too (and per URL in a digest).
  add('EmptySummaryError', source(new EmptySummaryError('embedded', 12), SOURCE, [], true));
  add(
    'SummaryDidNotShrinkError',
    source(new SummaryDidNotShrinkError('space', 900, 900, 400), SOURCE, [], true),
  );
  add(
    'SpacePredictionError',
    source(new SpacePredictionError(SPACE, 'queue full', 3), SOURCE, [SPACE], true),
  );
  add('SpaceConnectError', source(new SpaceConnectError(SPACE, 'ECONNREFUSED'), SOURCE, [SPACE], true));
  add(
    'OpenAIRequestError',
    source(
      new OpenAIRequestError('http://llm/v1', 'm1', 400, undefined, 'bad\nrequest'),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add(
    'OpenAIAuthError',
    source(
      new OpenAIAuthError('http://llm/v1', 'm1', 401, 'invalid_api_key', 'no'),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add(
    'UnknownModelError',
    source(
      new UnknownModelError('http://llm/v1', 'm1', 404, undefined, 'no model'),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add(
    'ContextOverflowError',
    source(
      new ContextOverflowError('http://llm/v1', 'm1', 400, undefined, 'too long'),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add(
    'OpenAIRateLimitError',
    source(
      new OpenAIRateLimitError('http://llm/v1', 'm1', 'slow down', 3, 2000),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add('EmptyCompletionError', source(new EmptyCompletionError('m1', 'length', 512), SOURCE, [], true));
  add(
    'OpenAIConnectionError',
    source(
      new OpenAIConnectionError('http://llm/v1', 'ECONNREFUSED', 'connection refused'),
      SOURCE,
      ['http://llm/v1'],
      true,
    ),
  );
  add('FeedParseError', {
    error: new FeedParseError(URL_, 'unexpected end'),
    subject: URL_,
    names: [URL_],
    printers: ['digest'],
  });
  const github = (error: Error): Row => ({
    error,
    subject: URL_,
    names: [URL_],
    printers: ['digest', 'command'],
  });
  add('GitHubAuthError', github(new GitHubAuthError('issues of acme/site', failure(401))));
  add(
    'GitHubWriteForbiddenError',
    github(
      new GitHubWriteForbiddenError('issue #4', failure(403, 'Resource not accessible'), 'issues: write'),
    ),
  );
  add(
    'GitHubRateLimitError',
    github(
      new GitHubRateLimitError('issue #4', {
        ...failure(403, 'rate limited'),
        rateLimited: true,
        resetAt: new Date('2026-01-01T10:20:00Z'),
      }),
    ),
  );
  add(
    'GitHubNotFoundError',
    github(new GitHubNotFoundError('repository acme/site', failure(404, 'Not Found'))),
  );
  add(
    'GitHubValidationError',
    github(
      new GitHubValidationError('issue #4', {
        ...failure(422, 'Validation Failed'),
        details: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      }),
    ),
  );
  add('GitHubRequestError', github(new GitHubRequestError('issue #4', failure(502, 'Bad Gateway'))));

  // Whole commands: printed as `sumops COMMAND: …`.
  const command = (error: Error, names: string[]): Row => ({ error, names, printers: ['command'] });
  add('UsageError', command(new UsageError('give at least one source (see sumops summarize --help)'), []));
  add('SumopsError', command(new SumopsError('no records to chart'), []));
  add('InvalidValueError', command(new InvalidValueError('shard', '4/3', 'expected K/N with 1 ≤ K ≤ N'), []));
  add('GateConfigError', command(new GateConfigError('threshold', 'rouge1=x', 'expected METRIC=NUMBER'), []));
  add('InvalidSpaceRefError', command(new InvalidSpaceRefError('not a space'), []));
  add('InvalidRougeTypeError', command(new InvalidRougeTypeError('rouge0'), []));
  add('RougeInputError', command(new RougeInputError(3, 'not JSON'), []));
  add('FaithfulnessInputError', command(new FaithfulnessInputError(3, 'not a JSON object'), []));
  add('LcsTooLargeError', command(new LcsTooLargeError('rougeL', 40_000, 40_000, 100_000_000), []));
  add('InvalidSummaryLengthError', command(new InvalidSummaryLengthError('maxWords', 0), []));
  add('InvalidHfTokenError', command(new InvalidHfTokenError(), []));
  add('MissingApiKeyError', command(new MissingApiKeyError('http://llm/v1'), ['http://llm/v1']));
  add('NoFixturesError', command(new NoFixturesError(['test/eval/*.jsonl']), ['test/eval/*.jsonl']));
  add(
    'FixtureFormatError',
    command(new FixtureFormatError('test/eval/news.jsonl', 3, 'not JSON'), ['test/eval/news.jsonl']),
  );
  add(
    'DuplicateCaseIdError',
    command(new DuplicateCaseIdError('b.yaml', 4, 'case-1', 'a.jsonl:2'), ['b.yaml', 'case-1', 'a.jsonl']),
  );
  add(
    'BaselineFileError',
    command(new BaselineFileError('main/scores.json', 'is not valid JSON'), ['main/scores.json']),
  );
  add('BaselineFileError', command(await rejection(readBaselineFile(missing)), [missing]));
  add(
    'MissingDocumentLoaderError',
    command(new MissingDocumentLoaderError('case-1', 'inputs/a.html'), ['case-1', 'inputs/a.html']),
  );
  add(
    'ShardFileError',
    command(new ShardFileError('shard-1/scores.json', 'is not valid JSON'), ['shard-1/scores.json']),
  );
  add(
    'ShardFileError',
    command(await rejection(mergeShards([missing], { tolerance: 0 }, { readFile: readFileBytes })), [
      missing,
    ]),
  );
  add(
    'ShardSetError',
    command(new ShardSetError('duplicate', ['s1.json', 's2.json'], 'are the same shard'), [
      's1.json',
      's2.json',
    ]),
  );
  add('MissingShardsError', command(new MissingShardsError([2], 3), []));
  // The judge (`sumops eval --judge openai`): each wrong setting, and for the key, each variable that supplied it.
  const LLM = 'http://llm/v1';
  const judgeSetting = (error: unknown, keySource?: 'judge' | 'openai' | 'hf'): Row =>
    command(settingErrorOf(error, LLM, 'judge-1', keySource) as JudgeSettingError, [LLM]);
  for (const keySource of ['judge', 'openai', 'hf'] as const)
    add(
      'JudgeSettingError',
      judgeSetting(
        new OpenAIAuthError(LLM, 'judge-1', 401, 'invalid_api_key', 'Incorrect API key'),
        keySource,
      ),
    );
  add('JudgeSettingError', judgeSetting(new MissingApiKeyError(LLM)));
  add(
    'JudgeSettingError',
    judgeSetting(new OpenAIRequestError(LLM, 'judge-1', 403, undefined, 'not allowed'), 'judge'),
  );
  add(
    'JudgeSettingError',
    judgeSetting(new UnknownModelError(LLM, 'judge-1', 404, 'model_not_found', 'The model does not exist')),
  );
  add(
    'JudgeSettingError',
    judgeSetting(new OpenAIRequestError(LLM, 'judge-1', 404, 'unknown_url', 'Unknown URL')),
  );
  add(
    'JudgeSettingError',
    judgeSetting(new OpenAIConnectionError(LLM, 'ECONNREFUSED', 'connection refused')),
  );
  add(
    'JudgeSettingError',
    command(
      new JudgeSettingError(
        'contextTokens',
        undefined,
        LLM,
        'judge-1',
        'a judge context of 1024 tokens leaves 0 words',
      ),
      [],
    ),
  );
  add('ConfigNotFoundError', command(new ConfigNotFoundError('.github/sumops.yml'), ['.github/sumops.yml']));
  add(
    'ConfigTooLargeError',
    command(new ConfigTooLargeError('.github/sumops.yml', 2_000_000, 1_048_576), ['.github/sumops.yml']),
  );
  add('FileTooLargeError', command(new FileTooLargeError('history.jsonl', 1000), ['history.jsonl']));
  add('NotAFileError', command(new NotAFileError('history.jsonl'), ['history.jsonl']));
  add('SystemError', command(enoent, [missing]));
  add(
    'HistoryRecordError',
    command(
      catchSync(() => formatHistoryLine({} as HistoryRecord)),
      [],
    ),
  );
  add(
    'InvalidDigestUrlsError',
    command(new InvalidDigestUrlsError(['ftp://files.example/a', 'notaurl']), [
      'ftp://files.example/a',
      'notaurl',
    ]),
  );
  add(
    'ProviderSettingsMissingError',
    command(
      catchSync(() => digestProviderSpec('space', parseConfig('urls: [https://a.example/]\n', 'c.yml'), {})),
      [],
    ),
  );
  // ConfigError holds one problem per line and the CLI prints each as its own line (see ConfigError's rows below).
  add('ConfigError', {
    error: catchSync(() => parseConfig('urls: 7\ndefaults: {labels: 3}\n', '.github/sumops.yml')),
    names: [],
    printers: ['command'],
  });
  // The Hub and Spaces: summarize --provider space, eval, deploy.
  add('SpaceAccessError', command(new SpaceAccessError(SPACE, 401, false), [SPACE]));
  add('SpaceStageError', command(new SpaceStageError(SPACE, 'RUNTIME_ERROR', 'Traceback\nboom'), [SPACE]));
  add('SpacePausedError', command(new SpacePausedError(SPACE), [SPACE]));
  add('SpaceWakeTimeoutError', command(new SpaceWakeTimeoutError(SPACE, 'BUILDING', 300_000), [SPACE]));
  add(
    'HubRequestError',
    command(new HubRequestError('https://hub/api/spaces/acme/summarizer', 500, 'oops\nagain'), [
      'https://hub/api/spaces/acme/summarizer',
    ]),
  );
  add(
    'HubUnreachableError',
    command(new HubUnreachableError('https://hub/', 'ECONNREFUSED'), ['https://hub/']),
  );
  add(
    'SpaceEndpointError',
    command(new SpaceEndpointError(SPACE, '/summarize', 'has no /summarize endpoint', ['/predict']), [SPACE]),
  );
  const deploy = (error: Error, names: string[]): Row => ({ error, names, printers: ['deploy'] });
  add('MissingTokenError', deploy(new MissingTokenError(SPACE), [SPACE]));
  add('MalformedTokenError', deploy(new MalformedTokenError(SPACE), []));
  add('RejectedTokenError', deploy(new RejectedTokenError(SPACE, 401), []));
  add(
    'TokenPermissionError',
    deploy(new TokenPermissionError(SPACE, 'ana', 'read', 'repo.write'), [SPACE, 'ana']),
  );
  add('SpaceMissingError', deploy(new SpaceMissingError(SPACE), []));
  add('InvalidSpaceIdError', deploy(new InvalidSpaceIdError('acme'), []));
  add('SyncLimitError', deploy(new SyncLimitError('maxFiles', 5000, 'space/'), ['space/']));
  add('SyncConflictError', deploy(new SyncConflictError(SPACE, 3), [SPACE]));
  add('HubWriteError', deploy(new HubWriteError(SPACE, 'commit', 500, 'Internal\nError'), [SPACE]));
  add(
    'LocalFileError',
    deploy(new LocalFileError('space/README.md', 'front matter key sdk: invalid'), ['space/README.md']),
  );
  // A .spaceignore that is a folder is refused before anything is read from it.
  mkdirSync(join(dir, 'space', '.spaceignore'), { recursive: true });
  add(
    'NotAFileError',
    deploy(await rejection(loadIgnoreRules(join(dir, 'space'))), [join(dir, 'space', '.spaceignore')]),
  );
  add('LinkRefusedError', deploy(new LinkRefusedError('space', undefined, 'folder'), ['space']));
  add(
    'LinkRefusedError',
    deploy(new LinkRefusedError('space/README.md', '/proc/self/environ', 'file'), ['space/README.md']),
  );
  // A file reached through a linked folder inside the Space folder: OutsideFolderError is only ever thrown.
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere', 'notes.txt'), 'x');
  mkdirSync(join(dir, 'linked'));
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'linked', 'sub'));
  add(
    'OutsideFolderError',
    deploy(await rejection(readFileInFolder(join(dir, 'linked'), 'sub/notes.txt', 100)), [
      join(dir, 'linked', 'sub', 'notes.txt'),
    ]),
  );
  add('FileChangedError', deploy(new FileChangedError('space/app.py'), ['space/app.py']));
  add('AppTokenRequiredError', deploy(new AppTokenRequiredError(SPACE), [SPACE]));
  add(
    'SpaceTagMismatchError',
    deploy(new SpaceTagMismatchError(SPACE, 'SUMOPS_PREVIEW', 'acme/repo#3', undefined), [SPACE]),
  );
  add(
    'RollbackConflictError',
    deploy(new RollbackConflictError(SPACE, 'a'.repeat(40), 'b'.repeat(40)), [SPACE]),
  );
  add(
    'SettingsLineError',
    deploy(new SettingsLineError('settings.env', 3, 'expected KEY=value'), ['settings.env']),
  );
  add('SmokeTestError', deploy(new SmokeTestError(SPACE, 'HTTP 500\nTraceback'), [SPACE]));
  add(
    'SpaceDeployStageError',
    deploy(new SpaceDeployStageError(SPACE, 'BUILD_ERROR', 'pip failed\nexit 1', undefined), [SPACE]),
  );
  add('SpaceDeployTimeoutError', deploy(new SpaceDeployTimeoutError(SPACE, 'BUILDING', 600_000), [SPACE]));
  add('PreviewNameError', deploy(new PreviewNameError(SPACE, 12), [SPACE]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `work` rejects with; a test failure if it resolves. */
async function rejection(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to reject');
}

function catchSync(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected it to throw');
}

/**
 * Error classes the CLI never prints, with where their message goes instead. Every other error class in the
 * library or the CLI must have a row above: a new one without a row fails the first test.
 */
const notPrintedByTheCli: Record<string, string> = {
  IngestError: 'abstract: only its subclasses are thrown',
  GitHubApiError: 'abstract: only its subclasses are thrown',
  HubTokenError: 'abstract: only its subclasses are thrown',
  BlockedAddressError: 'inside a fetch failure; ingest turns it into BlockedAddressSourceError',
  ScoresSyntaxError: 'wrapped: BaselineFileError / ShardFileError say which file',
  CaseSchemaIssue: 'wrapped: BaselineFileError / ShardFileError say which file and key',
  RetriesExhausted: 'wrapped: the Space provider rethrows its last error as SpacePredictionError',
  InvalidBootstrapOptionsError: 'programming error: the CLI passes fixed bootstrap settings',
  NonFiniteValueError: 'programming error: scores are always finite numbers',
  PairedLengthMismatchError: 'programming error: the comparison pairs cases by id first',
  InvalidEvalArtifactError: 'the comment action only',
  PullRequestMismatchError: 'the comment action only',
  ActionInputError: 'the actions only',
  StaleEvaluationError: 'the comment action only',
  NoScorerError: 'programming error: every metric in the registry has a scorer',
  JudgeInputTooLongError: "one case's judge result, never thrown past the judge",
  JudgeCaseError: "a case's judge metricErrors entry in scores.json, never a line of its own",
  UnknownCaseError: "a case's judge metricErrors entry (the judge action's stored results)",
  FixtureSetMismatchError: 'the judge action only',
};

function errorClassesInSources(): string[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts')) files.push(full);
    }
  };
  for (const folder of ['actions/lib', 'actions/action-support', 'scripts/cli']) walk(join(root, folder));
  const parents = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bclass (\w+) extends (\w+)/g))
      parents.set(match[1] as string, match[2] as string);
  }
  const isError = (name: string | undefined, depth = 0): boolean =>
    name === 'Error' || (name !== undefined && depth < 20 && isError(parents.get(name), depth + 1));
  return [...parents.keys()].filter((name) => isError(name)).sort();
}

function printed(printer: Printer, row: Row): string[] {
  switch (printer) {
    case 'source':
      return [
        sourceErrorLine(undefined, row.subject ?? '', row.error),
        sourceErrorLine('ask', row.subject ?? '', row.error),
      ];
    case 'command':
      // ConfigError's lines are printed one by one; everything else is one line.
      return row.error instanceof ConfigError
        ? row.error.message.split('\n').map((line) => `sumops digest: ${line}`)
        : [commandErrorLine('eval', row.error), commandErrorLine(undefined, row.error)];
    case 'digest':
      return [`failed    ${row.subject ?? ''} (${digestReason(row.error, row.subject)})`];
    case 'deploy':
      return [deployErrorText(row.error)];
  }
}

/** How many times `name` appears; a name of one or two characters (`-` for stdin) only where it stands alone. */
const count = (text: string, name: string): number =>
  name.length > 2
    ? text.split(name).length - 1
    : (
        text.match(
          new RegExp(`(?<![\\w-])${name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}(?![\\w-])`, 'g'),
        ) ?? []
      ).length;

describe('the CLI error lines', () => {
  it('cover every error class in the library and the CLI', () => {
    const classes = errorClassesInSources();
    expect(classes.length).toBeGreaterThan(80);
    const uncovered = classes.filter((name) => !(name in rows) && !(name in notPrintedByTheCli));
    expect(uncovered).toEqual([]);
    // And the table names no class that does not exist.
    const known = new Set([...classes, 'SystemError']);
    expect(Object.keys(rows).filter((name) => !known.has(name))).toEqual([]);
  });

  it('say each thing once, on one line', () => {
    const problems: string[] = [];
    for (const [name, list] of Object.entries(rows)) {
      for (const row of list) {
        expect(row.error, name).toBeInstanceOf(Error);
        for (const printer of row.printers) {
          for (const text of printed(printer, row)) {
            const lines = text.split('\n');
            const single =
              printer === 'deploy'
                ? lines.length <= 2 && (lines.length === 1 || lines[1]?.startsWith('hint: '))
                : lines.length === 1;
            if (!single) problems.push(`${name} (${printer}): not one line: ${JSON.stringify(text)}`);
            for (const name_ of row.names) {
              const times = count(text, name_);
              if (times > 1) problems.push(`${name} (${printer}): "${name_}" ${times} times: ${text}`);
            }
            if (
              row.subject !== undefined &&
              (printer === 'source' || printer === 'digest') &&
              count(text, row.subject) !== 1
            )
              problems.push(
                `${name} (${printer}): the subject "${row.subject}" is not named exactly once: ${text}`,
              );
            const noise =
              /;\s*;|\.\s*;|;\s*\.(?!\d)|,\s*[,;]|\(\s*\)|\bundefined\b|\[object Object\]| {2}\S/.exec(
                printer === 'digest' ? text.replace(/^failed {4}/, 'failed ') : text,
              );
            if (noise) problems.push(`${name} (${printer}): "${noise[0]}" in: ${text}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('reach a wrapped file error through the wrapper, naming the file once', () => {
    const baseline = rows.BaselineFileError?.[1]?.error;
    expect(baseline?.message).toMatch(
      /^baseline \S+missing\.json: cannot be read: no such file or directory \(ENOENT\); /,
    );
    const shard = rows.ShardFileError?.[1]?.error;
    expect(shard?.message).toMatch(
      /^shard \S+missing\.json: cannot be read: no such file or directory \(ENOENT\)$/,
    );
    expect(rows.NotAFileError?.at(-1)?.error.message).toMatch(/\.spaceignore is not a regular file$/);
  });

  it('name the judge flag to fix, or the variable that supplied the key', () => {
    const lines = (rows.JudgeSettingError ?? []).map((row) => commandErrorLine('eval', row.error));
    expect(lines.map((line) => line.slice(line.lastIndexOf('; ') + 2))).toEqual([
      'check SUMOPS_JUDGE_API_KEY, which supplied the key',
      'check OPENAI_API_KEY, which supplied the key',
      'check HF_TOKEN, which supplied the key',
      'set SUMOPS_JUDGE_API_KEY (or OPENAI_API_KEY, or HF_TOKEN for the Hugging Face router)',
      'use a key that may (the key came from SUMOPS_JUDGE_API_KEY) or another --judge-model',
      'check --judge-model',
      'check --judge-base-url',
      'check --judge-base-url',
      "raise --judge-context-tokens to the judge model's context window",
    ]);
    expect(lines[0]).toBe(
      'sumops eval: the judge endpoint refused the API key: http://llm/v1 answered HTTP 401 (invalid_api_key) for model judge-1: Incorrect API key; check SUMOPS_JUDGE_API_KEY, which supplied the key',
    );
  });

  it('name the file where nothing else does (the message stays whole for the actions)', () => {
    const [tooLarge] = rows.SourceTooLargeError ?? [];
    expect(tooLarge?.error.message).toBe(`${PATH} is larger than the 5242880-byte limit`);
    expect(sourceErrorLine(undefined, PATH, tooLarge?.error)).toBe(
      `sumops: ${PATH}: larger than the 5242880-byte limit; raise --max-bytes if it is legitimate`,
    );
    const redirected = new HttpStatusError(URL_, REDIRECTED, 404, 'Not Found');
    expect(sourceErrorLine(undefined, URL_, redirected)).toBe(
      `sumops: ${URL_}: HTTP 404 Not Found from ${REDIRECTED}; check the URL`,
    );
    // A printer that names something else keeps the whole message.
    expect(sourceErrorLine(undefined, 'other.txt', tooLarge?.error)).toContain(PATH);
  });
});
