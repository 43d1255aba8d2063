import { describe, expect, it } from 'vitest';
import { cliHint, describeCliError } from '../../../scripts/cli/error-hints';
import { evaluateHint } from '../../../actions/evaluate/src/error-hints';
import { BaselineFileError, NoFixturesError } from '#lib/evaluate/errors';
import { HubUnreachableError, SpaceAccessError, SpacePausedError } from '#lib/hub/errors';
import { BodyTooLargeError, FetchTimeoutError } from '#lib/ingest/errors';

/** One library error of each hinted class, with the words each entry must use (and the other's it must not). */
const cases: [string, Error, RegExp, RegExp][] = [
  [
    'fetch timeout',
    new FetchTimeoutError('u', 'https://x/', 400, 'total'),
    /--timeout above 400/,
    /fetch-timeout input/,
  ],
  ['body too large', new BodyTooLargeError('u', 'https://x/', 1024), /--max-bytes/, /max-bytes input/],
  [
    'no fixtures',
    new NoFixturesError(['a/*.jsonl']),
    /--fixtures/,
    /fixtures input; its default is test\/eval/,
  ],
  [
    'bad baseline file',
    new BaselineFileError('b.json', 'is not valid JSON'),
    /--baseline .*sumops eval --out DIR/,
    /baseline input/,
  ],
  [
    'private Space, no token',
    new SpaceAccessError('o/s', 401, false),
    /set HF_TOKEN/,
    /set the hf-token input/,
  ],
  [
    'paused Space',
    new SpacePausedError('o/s'),
    /HF_TOKEN to a write token/,
    /hf-token input to a write token/,
  ],
  [
    'Hub unreachable',
    new HubUnreachableError('https://hub/', 'ECONNREFUSED'),
    /SUMOPS_HUB_URL/,
    /hub-url input/,
  ],
];

describe.each(cases)('%s', (_, error, cliWords, actionWords) => {
  it('the library message names neither entry', () => {
    expect(error.message).not.toMatch(/--[a-z]|HF_TOKEN|SUMOPS_|hf-token|hub-url|\binput\b/);
  });
  it('the CLI hint uses CLI words, the action hint action words', () => {
    expect(cliHint(error)).toMatch(cliWords);
    expect(cliHint(error)).not.toMatch(/\binput\b/);
    expect(evaluateHint(error)).toMatch(actionWords);
    expect(evaluateHint(error)).not.toMatch(/--[a-z]|SUMOPS_/);
  });
});

describe('describeCliError', () => {
  it('appends the hint to the one-line message, and keeps the stack under --debug', () => {
    const error = new FetchTimeoutError('u', 'https://x/', 400, 'total');
    expect(describeCliError(error)).toBe(
      'fetching https://x/ took longer than 400 ms; raise --timeout above 400 to wait longer',
    );
    const debug = describeCliError(error, { debug: true });
    expect(debug.split('\n')[0]).toBe(`FetchTimeoutError: ${describeCliError(error)}`);
    expect(debug).toMatch(/\n\s+at /);
  });
  it('leaves errors without a hint as they are', () => {
    expect(describeCliError(new Error('plain'))).toBe('plain');
  });
});
