import { parseConfig } from '#lib/config/index';
import type { DigestConfig } from '#lib/config/index';
import { ConfigNotFoundError, readConfigFile } from '#lib/config/read-config-file';
import { runConfiguredDigest } from '#lib/digest/configured-digest';
import { describeDigestFailure } from '#lib/digest/failure-advice';
import type { DigestAdviceWording } from '#lib/digest/failure-advice';
import { countByStatus, renderDigestSummary } from '#lib/digest/job-summary';
import { systemClock } from '#lib/log';
import type { ActionLog, ActionOutcome, RunContext } from '#action-support/job';
import type { SummarizeUrlsInputs } from './inputs';

/** The digest advice (lib/digest/failure-advice.ts) in this action's words: its config keys and inputs. */
const WORDING: DigestAdviceWording = {
  'private-network': 'set allow-private-network: true in the config if that host is yours',
  'missing-api-key': 'pass a secret as the openai-api-key input',
  'api-key-refused': 'check the openai-api-key secret',
};

/** A failed URL's reason (without the URL, which the summary prints beside it), or a whole run's failure. */
export function describeDigestError(error: unknown, url?: string): string {
  return describeDigestFailure(error, url, WORDING);
}

/**
 * The scheduled / dispatched digest: reads the config (or, without one, just the dispatched URLs with the default
 * settings), runs it, and returns the job summary, the outputs, a warning per failed URL, and the verdict: failed
 * only when every URL failed, or on any failure with fail-on-error.
 */
export async function digestJob(
  inputs: SummarizeUrlsInputs,
  run: RunContext,
  log: ActionLog,
): Promise<ActionOutcome> {
  const { results, deferred } = await runConfiguredDigest({
    config: await loadConfig(inputs, run.workspace, log),
    urls: inputs.urls,
    ...(inputs.provider ? { provider: inputs.provider } : {}),
    github: {
      token: inputs.githubToken,
      apiUrl: run.apiUrl,
      owner: run.owner,
      repo: run.repo,
      throttle: inputs.throttle,
    },
    secrets: {
      ...(inputs.openaiApiKey ? { openaiApiKey: inputs.openaiApiKey } : {}),
      ...(inputs.hfToken ? { hfToken: inputs.hfToken } : {}),
    },
    overrides: {
      ...(inputs.openaiBaseUrl ? { baseUrl: inputs.openaiBaseUrl } : {}),
      ...(inputs.openaiModel ? { model: inputs.openaiModel } : {}),
    },
    dryRun: inputs.dryRun,
    describeError: describeDigestError,
    logger: log,
    clock: systemClock,
  });
  const repoUrl = `${run.serverUrl}/${run.owner}/${run.repo}`;
  const counts = countByStatus(results);
  const failures = results.filter((result) => result.status === 'failed');
  return {
    summary: renderDigestSummary(results, { dryRun: inputs.dryRun, repoUrl, deferred }),
    outputs: {
      results: JSON.stringify(results.map(({ summary: _summary, ...rest }) => rest)),
      created: String(counts.created),
      updated: String(counts.updated),
      failed: String(counts.failed),
    },
    warnings: failures.map((result) => `${result.url}: ${result.reason ?? 'failed'}`),
    ...(results.length > 0 && counts.failed === results.length
      ? { failure: `All ${results.length} URLs failed.` }
      : inputs.failOnError && counts.failed > 0
        ? { failure: `${counts.failed} of ${results.length} URLs failed (fail-on-error is on).` }
        : {}),
  };
}

async function loadConfig(
  inputs: SummarizeUrlsInputs,
  workspace: string,
  log: ActionLog,
): Promise<DigestConfig> {
  try {
    return await readConfigFile(inputs.config, workspace);
  } catch (error) {
    if (!(error instanceof ConfigNotFoundError) || inputs.urls.length === 0) throw error;
    log.info(`No ${inputs.config}; summarizing the given URLs with the default settings.`);
    return parseConfig('', inputs.config);
  }
}
