import { ActionInputError, secretInput } from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';

/** Every input of actions/comment/action.yml, parsed. The PR number is checked later, against the event. */
export interface CommentInputs {
  scoresPath: string;
  /** The PR number as text (validated as part of the artifact), or a file holding it. */
  prNumber: { kind: 'value'; text: string } | { kind: 'file'; path: string };
  githubToken: string;
  /** history.jsonl from the history branch, for the trend chart; empty: no chart. */
  historyPath?: string;
}

export function getInputs(core: InputReader): CommentInputs {
  const githubToken = secretInput(core, 'github-token');
  if (githubToken === '')
    throw new ActionInputError('github-token', '', 'expected a token that may write PR comments');
  const scoresPath = core.getInput('scores-path').trim();
  if (scoresPath === '')
    throw new ActionInputError('scores-path', '', "expected the path of the artifact's scores.json");
  const value = core.getInput('pr-number').trim();
  const path = core.getInput('pr-number-path').trim();
  if ((value === '') === (path === '')) {
    throw new ActionInputError(
      value === '' ? 'pr-number' : 'pr-number-path',
      value || path,
      'expected exactly one of pr-number and pr-number-path',
    );
  }
  const historyPath = core.getInput('history-path').trim();
  return {
    ...(historyPath ? { historyPath } : {}),
    scoresPath,
    prNumber: value !== '' ? { kind: 'value', text: value } : { kind: 'file', path },
    githubToken,
  };
}
