import { phraseAdvice } from '#lib/advice';
import type { AdviceWording } from '#lib/advice';
import { HubUnreachableError, SpaceAccessError, SpacePausedError } from '#lib/hub/errors';
import { BodyTooLargeError, FetchTimeoutError } from '#lib/ingest/errors';
import { BaselineFileError, MissingShardsError, NoFixturesError, ShardSetError } from './errors';

/**
 * What a user can change about a failed evaluation, one kind per fix, with the data the advice needs. Decided here
 * once; the evaluate action (src/error-hints.ts) and the CLI (scripts/cli/error-hints.ts) word every kind in their
 * own terms, an input or a flag.
 */
export type EvaluationAdvice =
  /** A `url` case's page did not answer in time: the whole download, or its response headers. */
  | { kind: 'fetch-timeout'; phase: FetchTimeoutError['phase']; timeoutMs: number }
  /** A `url` case's page is larger than the byte limit. */
  | { kind: 'page-too-large' }
  /** The fixture globs matched no file. */
  | { kind: 'no-fixtures' }
  /** The baseline file is not a scores.json. */
  | { kind: 'baseline-file' }
  /** A merge lacks these shards of `count`. */
  | { kind: 'missing-shards'; missing: readonly number[]; count: number }
  /** The shard files are not the shards of one run, once each. */
  | { kind: 'shard-set' }
  /** The Space refused access: with a token (which one) or without (give one). */
  | { kind: 'space-access'; tokenGiven: boolean }
  /** The Space is paused; only a write token may restart it. */
  | { kind: 'space-paused' }
  /** The Hub could not be reached at all. */
  | { kind: 'hub-unreachable' };

/** The fix an evaluation error calls for, or undefined when the entry's other hints (or the message) cover it. */
export function evaluationAdvice(error: unknown): EvaluationAdvice | undefined {
  if (error instanceof FetchTimeoutError)
    return { kind: 'fetch-timeout', phase: error.phase, timeoutMs: error.timeoutMs };
  if (error instanceof BodyTooLargeError) return { kind: 'page-too-large' };
  if (error instanceof NoFixturesError) return { kind: 'no-fixtures' };
  if (error instanceof BaselineFileError) return { kind: 'baseline-file' };
  if (error instanceof MissingShardsError)
    return { kind: 'missing-shards', missing: error.missing, count: error.count };
  if (error instanceof ShardSetError) return { kind: 'shard-set' };
  if (error instanceof SpaceAccessError) return { kind: 'space-access', tokenGiven: error.tokenGiven };
  if (error instanceof SpacePausedError) return { kind: 'space-paused' };
  if (error instanceof HubUnreachableError) return { kind: 'hub-unreachable' };
  return undefined;
}

/** An entry's words for every kind of evaluation advice (see AdviceWording). */
export type EvaluationAdviceWording = AdviceWording<EvaluationAdvice>;

/** The advice for an evaluation error in one entry's words; undefined when there is none. */
export function phraseEvaluationAdvice(error: unknown, wording: EvaluationAdviceWording): string | undefined {
  return phraseAdvice(evaluationAdvice(error), wording);
}
