import { UsageError } from '#lib/errors';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import { PROVIDERS } from '#lib/summarize/providers';

/**
 * The provider a `--provider`/`--space` pair (or `--baseline-provider`/`--baseline-space`) names; `--space` alone
 * implies a Space. The token and Hub URL come from the environment so they never appear in shell history.
 */
export function parseProviderSpec(
  flag: string,
  name: string | undefined,
  space: string | undefined,
  env: NodeJS.ProcessEnv,
): ProviderSpec {
  const kind = name ?? (space !== undefined ? 'space' : 'embedded');
  if (!(PROVIDERS as readonly string[]).includes(kind)) {
    throw new UsageError(`--${flag} must be one of ${PROVIDERS.join(', ')}, got "${kind}"`);
  }
  if (kind === 'embedded') {
    if (space !== undefined)
      throw new UsageError(`--${flag === 'provider' ? '' : 'baseline-'}space needs --${flag} space`);
    return { kind: 'embedded' };
  }
  if (space === undefined || space.trim() === '') {
    throw new UsageError(
      `--${flag} space needs --${flag === 'provider' ? '' : 'baseline-'}space owner/name or a Space URL`,
    );
  }
  const token = env.HF_TOKEN?.trim();
  const hubUrl = env.SUMOPS_HUB_URL?.trim();
  return { kind: 'space', space, ...(token ? { token } : {}), ...(hubUrl ? { hubUrl } : {}) };
}
