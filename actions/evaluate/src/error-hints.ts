import { firstHint, gitHubTokenHint } from '#action-support/error-hints';
import type { ActionHint } from '#action-support/error-hints';
import { phraseEvaluationAdvice } from '#lib/evaluate/failure-advice';
import type { EvaluationAdviceWording } from '#lib/evaluate/failure-advice';
import { DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { DEFAULT_FETCH_TIMEOUT_MS } from './inputs';

/** The evaluation advice (lib/evaluate/failure-advice.ts) in this action's words: its inputs and defaults. */
const ACTION_WORDING: EvaluationAdviceWording = {
  'fetch-timeout': `raise the fetch-timeout input (milliseconds, default ${DEFAULT_FETCH_TIMEOUT_MS}) to wait longer`,
  'page-too-large': 'raise the max-bytes input if this page is legitimate, or make the case a file fixture',
  'no-fixtures': `set the fixtures input; its default is ${DEFAULT_FIXTURE_GLOBS.join(' and ')}, relative to the workspace`,
  'baseline-file':
    "the baseline input takes an earlier run's scores.json (its scores-path output, or main's eval-scores-main artifact)",
  'missing-shards':
    'a matrix job of that shard failed or uploaded no scores; its log says why, and re-running failed jobs retries it',
  'shard-set': 'the merge-shards directory must hold the scores.json of one sharded run only, one per shard',
  'space-access': ({ tokenGiven }) =>
    tokenGiven
      ? 'the token is the hf-token input'
      : 'set the hf-token input to a read token, e.g. secrets.HF_READ_TOKEN (fork PRs get no secrets)',
  'space-paused':
    "restart it from its page on the Hub, or set the hf-token input to a write token so the action restarts it (that token then also reaches the Space's app: only for a Space whose code you trust)",
  'hub-unreachable': 'the hub-url input sets the Hub URL',
};

/** The evaluate action's words for library errors: its input names and its defaults, not the CLI's flags. */
const evaluateInputHint: ActionHint = (error) => phraseEvaluationAdvice(error, ACTION_WORDING);

export const evaluateHint: ActionHint = firstHint(evaluateInputHint, gitHubTokenHint);
