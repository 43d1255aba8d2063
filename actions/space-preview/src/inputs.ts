import { errorMessage } from '#lib/errors';
import { assertSpaceId } from '#lib/deploy/space-id';
import { ActionInputError, choiceInput, integerInput, secretInput } from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';

const COMMANDS = ['delete', 'sweep'] as const;

/** Every input of actions/space-preview/action.yml, parsed and validated. */
export type SpacePreviewInputs = {
  hfToken: string;
  space: string;
  hubUrl: string;
  githubToken: string;
} & ({ command: 'delete'; prNumber: number } | { command: 'sweep'; maxAgeDays: number });

export function getInputs(core: InputReader): SpacePreviewInputs {
  const hfToken = secretInput(core, 'hf-token');
  const githubToken = secretInput(core, 'github-token');
  if (hfToken === '')
    throw new ActionInputError('hf-token', '', 'expected a Hugging Face write token (secrets.HF_TOKEN)');
  const space = core.getInput('space').trim();
  try {
    assertSpaceId(space);
  } catch (error) {
    throw new ActionInputError('space', space, errorMessage(error));
  }
  const hubUrl = (core.getInput('hub-url').trim() || 'https://huggingface.co').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(hubUrl))
    throw new ActionInputError('hub-url', hubUrl, 'expected an http(s) URL');
  const base = { hfToken, space, hubUrl, githubToken };
  const command = choiceInput(core, 'command', COMMANDS, 'delete');
  if (command === 'delete') {
    if (core.getInput('pr-number').trim() === '') {
      throw new ActionInputError('pr-number', '', 'expected the PR number whose preview to delete');
    }
    return { ...base, command, prNumber: integerInput(core, 'pr-number', 0, { min: 1, max: 999_999_999 }) };
  }
  return { ...base, command, maxAgeDays: integerInput(core, 'max-age-days', 7, { min: 0, max: 3650 }) };
}
