import { errorMessage } from '#lib/errors';
import type { KeyValue } from '#lib/deploy/deploy-space';
import { DEFAULT_FIXTURE_GLOBS, DEFAULT_HUB_URL } from '#lib/defaults';
import { parseKeyValueLines } from '#lib/deploy/space-settings';
import { assertSpaceId } from '#lib/deploy/space-id';
import {
  ActionInputError,
  booleanInput,
  integerInput,
  listInput,
  secretInput,
} from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';

/** Every input of actions/deploy-space/action.yml, parsed and validated. */
export interface DeploySpaceInputs {
  hfToken: string;
  /** For the Space's app (smoke test, evaluation) when the Space is private; never the write token. */
  readToken: string;
  /** history.jsonl from the history branch: where the last good deploy is recorded. */
  historyPath?: string;
  space: string;
  hubUrl: string;
  path: string;
  ignore: string[];
  create: boolean;
  private: boolean;
  secrets: KeyValue[];
  variables: KeyValue[];
  wait: boolean;
  smoke: boolean;
  rollback: boolean;
  waitTimeoutMs: number;
  evaluate: boolean;
  fixtures: string[];
  outDir: string;
  /** Deploy a preview of this PR instead of the Space itself. */
  previewPr?: number;
  githubToken: string;
}

export function getInputs(core: InputReader): DeploySpaceInputs {
  // Masked first, before any parsing can fail and print something.
  const hfToken = secretInput(core, 'hf-token');
  const readToken = secretInput(core, 'read-token');
  const githubToken = secretInput(core, 'github-token');
  const secrets = settingsInput(core, 'secrets', { mask: true });
  const variables = settingsInput(core, 'variables', { mask: false });

  const space = core.getInput('space').trim();
  if (space === '') throw new ActionInputError('space', '', 'expected the Space id, owner/name');
  try {
    assertSpaceId(space);
  } catch (error) {
    throw new ActionInputError('space', space, errorMessage(error));
  }
  const hubUrl = (core.getInput('hub-url').trim() || DEFAULT_HUB_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(hubUrl))
    throw new ActionInputError('hub-url', hubUrl, 'expected an http(s) URL');
  if (readToken !== '' && readToken === hfToken) {
    throw new ActionInputError(
      'read-token',
      '***',
      'expected a read token, not the write token of hf-token: the Space app is never given the write token',
    );
  }
  const previewRaw = core.getInput('preview-pr').trim();
  const fixtures = listInput(core, 'fixtures');
  const historyPath = core.getInput('history-path').trim();
  return {
    hfToken,
    readToken,
    ...(historyPath ? { historyPath } : {}),
    space,
    hubUrl,
    path: core.getInput('path').trim() || 'space',
    ignore: listInput(core, 'ignore'),
    create: booleanInput(core, 'create', false),
    private: booleanInput(core, 'private', false),
    secrets,
    variables,
    wait: booleanInput(core, 'wait', true),
    smoke: booleanInput(core, 'smoke', true),
    rollback: booleanInput(core, 'rollback', true),
    waitTimeoutMs: integerInput(core, 'wait-timeout-minutes', 15, { min: 1, max: 360 }) * 60_000,
    evaluate: booleanInput(core, 'evaluate', true),
    fixtures: fixtures.length > 0 ? fixtures : [...DEFAULT_FIXTURE_GLOBS],
    outDir: core.getInput('out-dir').trim() || 'sumops-deploy',
    ...(previewRaw ? { previewPr: integerInput(core, 'preview-pr', 0, { min: 1, max: 999_999_999 }) } : {}),
    githubToken,
  };
}

/** `KEY=value` lines; with `mask`, every value is masked before anything else happens to it. */
function settingsInput(core: InputReader, name: string, { mask }: { mask: boolean }): KeyValue[] {
  const text = core.getInput(name);
  if (mask) {
    for (const line of text.split(/\r?\n/)) {
      const value = line.slice(line.indexOf('=') + 1).trim();
      if (line.includes('=') && value !== '') core.setSecret(value);
    }
  }
  const entries = parseKeyValueLines(text, `input "${name}"`);
  if (mask) for (const entry of entries) if (entry.value !== '') core.setSecret(entry.value);
  return entries;
}
