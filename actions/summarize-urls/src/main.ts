import * as core from '@actions/core';
import * as github from '@actions/github';
import type { DigestConfig } from '#lib/config/index';
import { parseConfig } from '#lib/config/index';
import { ConfigNotFoundError, readConfigFile } from '#lib/config/read-config-file';
import { countByStatus, renderDigestSummary } from '#lib/digest/job-summary';
import { digestLoaders } from '#lib/digest/loaders';
import { digestProviderSpec } from '#lib/digest/provider-specs';
import { runDigest } from '#lib/digest/run-digest';
import { createSummarizerPool } from '#lib/digest/summarizer-pool';
import { runSettingsFromConfig, targetsFromConfig } from '#lib/digest/targets';
import { errorMessage, messageAfter } from '#lib/errors';
import { createOctokit } from '#lib/github/octokit';
import { BlockedAddressSourceError } from '#lib/ingest/errors';
import { systemClock } from '#lib/log';
import { MissingApiKeyError, OpenAIAuthError } from '#lib/summarize/openai-errors';
import { coreLogger } from '#action-support/core-logger';
import { getInputs } from './inputs';

const logger = coreLogger;

/**
 * A failed URL's reason, with the input or config key that changes it where there is one. The job summary prints
 * it beside the URL, so it leaves the URL out (messageAfter); a failure of the whole run has no URL.
 */
function describeError(error: unknown, url?: string): string {
  const message = url === undefined ? errorMessage(error) : messageAfter(url, error);
  if (error instanceof BlockedAddressSourceError)
    return `${message} (set allow-private-network: true in the config if that host is yours)`;
  if (error instanceof MissingApiKeyError) return `${message}; pass a secret as the openai-api-key input`;
  if (error instanceof OpenAIAuthError) return `${message}; check the openai-api-key secret`;
  return message;
}

/**
 * The scheduled / dispatched digest: reads the config (or just the dispatched URLs), runs the digest library and
 * writes the job summary. Fails only when every URL failed, or on any failure with fail-on-error.
 */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs(core);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    let config: DigestConfig;
    try {
      config = await readConfigFile(inputs.config, workspace);
    } catch (error) {
      if (!(error instanceof ConfigNotFoundError) || inputs.urls.length === 0) throw error;
      core.info(`No ${inputs.config}; summarizing the given URLs with the default settings.`);
      config = parseConfig('', inputs.config);
    }
    const { targets, feeds } = targetsFromConfig(
      config,
      inputs.urls.length > 0 ? inputs.urls : undefined,
      inputs.provider,
    );
    const { context } = github;
    const octokit = createOctokit({
      token: inputs.githubToken,
      baseUrl: context.apiUrl,
      logger,
      throttle: inputs.throttle,
    });
    const loaders = digestLoaders({
      logger,
      clock: systemClock,
      allowPrivateNetwork: config['allow-private-network'],
    });
    const pool = createSummarizerPool(
      (provider) =>
        digestProviderSpec(
          provider,
          config,
          {
            ...(inputs.openaiApiKey ? { openaiApiKey: inputs.openaiApiKey } : {}),
            ...(inputs.hfToken ? { hfToken: inputs.hfToken } : {}),
          },
          {
            ...(inputs.openaiBaseUrl ? { baseUrl: inputs.openaiBaseUrl } : {}),
            ...(inputs.openaiModel ? { model: inputs.openaiModel } : {}),
          },
        ),
      { logger, clock: systemClock },
    );
    let outcome;
    try {
      outcome = await runDigest(
        {
          octokit,
          ...context.repo,
          ...loaders,
          summarizer: (provider) => pool.get(provider),
          clock: systemClock,
          logger,
        },
        {
          targets,
          feeds,
          dryRun: inputs.dryRun,
          ...runSettingsFromConfig(config),
          describeError,
        },
      );
    } finally {
      await pool.close();
    }
    const { results, deferred } = outcome;
    const repoUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}`;
    await core.summary
      .addRaw(renderDigestSummary(results, { dryRun: inputs.dryRun, repoUrl, deferred }))
      .write();
    const counts = countByStatus(results);
    for (const result of results) {
      if (result.status === 'failed') core.warning(`${result.url}: ${result.reason ?? 'failed'}`);
    }
    core.setOutput('results', JSON.stringify(results.map(({ summary: _summary, ...rest }) => rest)));
    core.setOutput('created', String(counts.created));
    core.setOutput('updated', String(counts.updated));
    core.setOutput('failed', String(counts.failed));
    if (results.length > 0 && counts.failed === results.length)
      core.setFailed(`All ${results.length} URLs failed.`);
    else if (inputs.failOnError && counts.failed > 0)
      core.setFailed(`${counts.failed} of ${results.length} URLs failed (fail-on-error is on).`);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
