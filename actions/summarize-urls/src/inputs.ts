import {
  ActionInputError,
  booleanInput,
  choiceInput,
  listInput,
  secretInput,
} from '#action-support/action-inputs';
import type { InputReader } from '#action-support/action-inputs';
import type { ConfigProvider } from '#lib/config/index';
import { CONFIG_PROVIDERS } from '#lib/config/index';

/** Every input of actions/summarize-urls/action.yml, parsed. */
export interface SummarizeUrlsInputs {
  config: string;
  urls: string[];
  provider?: ConfigProvider;
  dryRun: boolean;
  failOnError: boolean;
  githubToken: string;
  openaiApiKey: string;
  openaiBaseUrl?: string;
  openaiModel?: string;
  hfToken: string;
  throttle: boolean;
}

export function getInputs(core: InputReader): SummarizeUrlsInputs {
  const githubToken = secretInput(core, 'github-token');
  const dryRun = booleanInput(core, 'dry-run', false);
  if (githubToken === '' && !dryRun)
    throw new ActionInputError('github-token', '', 'expected a token with issues: write permission');
  const urls = listInput(core, 'urls');
  for (const url of urls) {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url))
      throw new ActionInputError('urls', url, 'expected http(s) URLs, one per line');
  }
  const provider = core.getInput('provider').trim();
  const baseUrl = core.getInput('openai-base-url').trim();
  if (baseUrl !== '' && (!/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)))
    throw new ActionInputError(
      'openai-base-url',
      baseUrl,
      'expected an http(s) URL such as https://api.openai.com/v1',
    );
  const model = core.getInput('openai-model').trim();
  const inputs: SummarizeUrlsInputs = {
    config: core.getInput('config').trim() || '.github/sumops.yml',
    urls,
    dryRun,
    failOnError: booleanInput(core, 'fail-on-error', false),
    githubToken,
    openaiApiKey: secretInput(core, 'openai-api-key'),
    hfToken: secretInput(core, 'hf-token'),
    throttle: booleanInput(core, 'throttle', true),
  };
  if (provider !== '') inputs.provider = choiceInput(core, 'provider', CONFIG_PROVIDERS, 'embedded');
  if (baseUrl !== '') inputs.openaiBaseUrl = baseUrl;
  if (model !== '') inputs.openaiModel = model;
  return inputs;
}
