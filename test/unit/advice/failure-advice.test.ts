import { describe, expect, it } from 'vitest';
import { HubWriteError, SpaceMissingError, TokenPermissionError } from '#lib/deploy/errors';
import { deployAdvice, phraseDeployAdvice } from '#lib/deploy/failure-advice';
import type { DeployAdviceWording } from '#lib/deploy/failure-advice';
import { describeDigestFailure, digestAdvice } from '#lib/digest/failure-advice';
import { MissingShardsError, NoFixturesError } from '#lib/evaluate/errors';
import { evaluationAdvice, phraseEvaluationAdvice } from '#lib/evaluate/failure-advice';
import type { EvaluationAdviceWording } from '#lib/evaluate/failure-advice';
import { FetchTimeoutError } from '#lib/ingest/errors';
import { BlockedAddressSourceError } from '#lib/ingest/errors';
import { MissingApiKeyError } from '#lib/summarize/openai-errors';

const SPACE = 'acme/summarizer';
const hubCall = (status: number) => new HubWriteError(SPACE, 'committing', status, 'detail');

describe('deployAdvice', () => {
  it('names one fix per Hub status, and none for a status it has no advice for', () => {
    expect(
      [401, 403, 404, 422, 429, 500, 503, 0, 409].map((status) => deployAdvice(hubCall(status))?.kind),
    ).toEqual([
      'token-refused',
      'write-forbidden',
      'space-not-found',
      'request-invalid',
      'hub-busy',
      'hub-busy',
      'hub-busy',
      'hub-busy',
      undefined,
    ]);
  });

  it('carries the data the advice needs: the permission a token lacks', () => {
    expect(deployAdvice(new TokenPermissionError(SPACE, 'ada', 'fineGrained', 'repo.write'))).toEqual({
      kind: 'token-permission',
      permission: 'repo.write',
    });
    expect(deployAdvice(new Error('something else'))).toBeUndefined();
  });
});

describe('phraseDeployAdvice', () => {
  const wording = Object.fromEntries(
    (
      [
        'missing-token',
        'malformed-token',
        'rejected-token',
        'space-missing',
        'app-token-required',
        'preview-tag-mismatch',
        'folder-link',
        'sync-conflict',
        'hub-unreachable',
        'token-refused',
        'write-forbidden',
        'space-not-found',
        'request-invalid',
        'hub-busy',
      ] as const
    ).map((kind) => [kind, kind === 'space-missing' ? undefined : `fix ${kind}`]),
  ) as Omit<DeployAdviceWording, 'token-permission'>;

  it("uses the entry's sentence, its function of the advice's data, or nothing", () => {
    const all: DeployAdviceWording = {
      ...wording,
      'token-permission': ({ permission }) => `grant ${permission}`,
    };
    expect(phraseDeployAdvice(hubCall(403), all)).toBe('fix write-forbidden');
    expect(phraseDeployAdvice(new TokenPermissionError(SPACE, 'ada', 'read', 'repo.write'), all)).toBe(
      'grant repo.write',
    );
    expect(phraseDeployAdvice(new SpaceMissingError(SPACE), all)).toBeUndefined();
    expect(phraseDeployAdvice(new Error('x'), all)).toBeUndefined();
  });
});

describe('describeDigestFailure', () => {
  const wording = {
    'private-network': 'allow it',
    'missing-api-key': 'add a key',
    'api-key-refused': 'check it',
  };
  const url = 'http://intranet.example/page';

  it('leaves the URL out of a page failure and adds the advice: an aside, or after a semicolon', () => {
    const blocked = new BlockedAddressSourceError(url, url, 'intranet.example', '10.0.0.1');
    expect(digestAdvice(blocked)).toBe('private-network');
    const line = describeDigestFailure(blocked, url, wording);
    expect(line).not.toContain(url);
    expect(line).toMatch(/ \(allow it\)$/);
    const missing = new MissingApiKeyError('https://api.openai.com/v1');
    expect(describeDigestFailure(missing, undefined, wording)).toBe(
      'no API key for the OpenAI-compatible endpoint https://api.openai.com/v1; add a key',
    );
    expect(describeDigestFailure(new Error('plain'), undefined, wording)).toBe('plain');
  });
});

describe('evaluationAdvice', () => {
  const wording: EvaluationAdviceWording = {
    'fetch-timeout': ({ phase, timeoutMs }) => `${phase} ${timeoutMs}`,
    'page-too-large': 'bigger',
    'no-fixtures': undefined,
    'baseline-file': 'baseline',
    'missing-shards': ({ missing, count }) => `shards ${missing.join(',')} of ${count}`,
    'shard-set': 'one run',
    'space-access': ({ tokenGiven }) => (tokenGiven ? 'that token' : 'a token'),
    'space-paused': 'restart',
    'hub-unreachable': 'hub',
  };

  it('carries what the wording needs: the timeout and its phase, the missing shards', () => {
    const timeout = new FetchTimeoutError('case-1', 'https://news.example/a', 400, 'total');
    expect(evaluationAdvice(timeout)).toEqual({ kind: 'fetch-timeout', phase: 'total', timeoutMs: 400 });
    expect(phraseEvaluationAdvice(timeout, wording)).toBe('total 400');
    expect(phraseEvaluationAdvice(new MissingShardsError([2, 4], 4), wording)).toBe('shards 2,4 of 4');
    expect(phraseEvaluationAdvice(new NoFixturesError(['test/eval/*.jsonl']), wording)).toBeUndefined();
    expect(evaluationAdvice(hubCall(403))).toBeUndefined();
  });
});
