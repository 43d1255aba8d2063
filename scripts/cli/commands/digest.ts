import type { ConfigProvider, DigestConfig } from '#lib/config/index';
import { CONFIG_PROVIDERS, ConfigError, DEFAULT_CONFIG_PATH } from '#lib/config/index';
import { InvalidDigestUrlsError, runConfiguredDigest } from '#lib/digest/configured-digest';
import type { DigestResult } from '#lib/digest/types';
import { UsageError } from '#lib/errors';
import { systemClock } from '#lib/log';
import { resolverWithOverrides } from '#lib/net/guarded-fetch';
import { isIP } from 'node:net';
import type { DigestProviderOverrides } from '#lib/digest/provider-specs';
import { digestReason } from '../error-hints';
import type { Command } from '../io';
import { EXIT } from '../io';
import { readConfigFile } from '#lib/config/read-config-file';
import { createCliLogger } from '../logger';
import { parseByteSizeFlag, parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';
import type { OpenAIFlags } from '../provider-flags';
import { OPENAI_OPTIONS_HELP, openAIFlagSpecs, parseOpenAIFlags } from '../provider-flags';

const help = `Usage: sumops digest [--config FILE] --repo OWNER/NAME [options] [URL...]

Keep one GitHub issue per configured URL (and per new feed item) holding its current summary: create it, update
it when the page changed, flag drift when the page collapsed, note when it is gone, and write nothing when
nothing changed. URLs given here replace the config's list (feeds are then skipped).

Options:
  --config FILE            digest config (default ${DEFAULT_CONFIG_PATH})
  --repo OWNER/NAME        the repository holding the issues (required)
  --github-api URL         REST API base (default $GITHUB_API_URL or https://api.github.com)
  --dry-run                write nothing; print what would happen
  --json                   one JSON line per URL: url, status, issue, reason
  --allow-private-network  fetch private, loopback and link-local addresses too (off: the SSRF guard)
  --resolve HOST:ADDRESS   resolve HOST to ADDRESS, like curl --resolve (the guard still checks ADDRESS)
  --provider NAME          override the config's provider: ${CONFIG_PROVIDERS.join(', ')}
${OPENAI_OPTIONS_HELP}
  --concurrency N          pages fetched at once (default: the config's, one per host at a time)
  --max-bytes SIZE         cap on a page's decompressed size (default 5M)
  --timeout MS             give up on a page after MS milliseconds (default 30000)
  --no-throttle            don't space GitHub writes (for servers without GitHub's secondary rate limits)
  --debug                  stack traces and progress notes on stderr
  -h, --help               this help

Environment: GITHUB_TOKEN or GH_TOKEN (needs issues: write; never printed), OPENAI_API_KEY, HF_TOKEN.

Exit status: 0 done (some URLs may have failed), 1 every URL failed, 2 usage or config error.
`;

interface Options {
  config: string;
  owner: string;
  repo: string;
  apiUrl: string;
  dryRun: boolean;
  json: boolean;
  allowPrivateNetwork: boolean;
  resolve: Map<string, string>;
  provider?: ConfigProvider;
  openai: OpenAIFlags;
  concurrency?: number;
  maxBytes?: number;
  timeoutMs?: number;
  throttle: boolean;
  debug: boolean;
  urls: string[];
  token: string;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values, positionals } = parseCommandArgs('digest', argv, {
    config: { type: 'string' },
    repo: { type: 'string' },
    'github-api': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'allow-private-network': { type: 'boolean' },
    resolve: { type: 'string', multiple: true },
    provider: { type: 'string' },
    ...openAIFlagSpecs,
    concurrency: { type: 'string' },
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
    throttle: { type: 'boolean' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const repo = values.repo?.trim() ?? '';
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repo);
  if (!match) throw new UsageError(`--repo must be OWNER/NAME, got ${repo === '' ? 'nothing' : `"${repo}"`}`);
  const apiUrl = (values['github-api'] ?? env.GITHUB_API_URL ?? 'https://api.github.com').trim();
  if (!/^https?:\/\//i.test(apiUrl) || !URL.canParse(apiUrl))
    throw new UsageError(`--github-api must be an http(s) URL, got "${apiUrl}"`);
  const provider = values.provider;
  if (provider !== undefined && !(CONFIG_PROVIDERS as readonly string[]).includes(provider))
    throw new UsageError(`--provider must be one of ${CONFIG_PROVIDERS.join(', ')}, got "${provider}"`);
  const resolve = new Map<string, string>();
  for (const entry of values.resolve ?? []) {
    const colon = entry.indexOf(':');
    const host = entry.slice(0, colon).trim().toLowerCase();
    const address = entry
      .slice(colon + 1)
      .trim()
      .replace(/^\[|\]$/g, '');
    if (colon <= 0 || !isIP(address))
      throw new UsageError(`--resolve must be HOST:ADDRESS with an IP address, got "${entry}"`);
    resolve.set(host, address);
  }
  const dryRun = values['dry-run'] === true;
  const token = (env.GITHUB_TOKEN ?? env.GH_TOKEN ?? '').trim();
  if (token === '' && !dryRun)
    throw new UsageError('set GITHUB_TOKEN (or GH_TOKEN) to a token that may write issues');
  const options: Options = {
    config: values.config ?? DEFAULT_CONFIG_PATH,
    owner: match[1] as string,
    repo: match[2] as string,
    apiUrl,
    dryRun,
    json: values.json === true,
    allowPrivateNetwork: values['allow-private-network'] === true,
    resolve,
    openai: parseOpenAIFlags(values),
    throttle: values.throttle !== false,
    debug: values.debug === true,
    urls: positionals,
    token,
  };
  if (provider !== undefined) options.provider = provider as ConfigProvider;
  const concurrency = parseIntFlag('concurrency', values.concurrency, { min: 1, max: 32 });
  if (concurrency !== undefined) options.concurrency = concurrency;
  const maxBytes = parseByteSizeFlag('max-bytes', values['max-bytes']);
  if (maxBytes !== undefined) options.maxBytes = maxBytes;
  const timeoutMs = parseIntFlag('timeout', values.timeout, { min: 1, max: 3_600_000 });
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  return options;
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('digest', io, help, () => parseOptions(argv, io.env));
  if (typeof options === 'number') return options;
  const logger = createCliLogger(io, { debug: options.debug });
  let config: DigestConfig;
  try {
    config = await readConfigFile(options.config, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.stderr.write(`sumops digest: ${error.message.split('\n').join('\nsumops digest: ')}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const secrets = {
    ...(io.env.OPENAI_API_KEY?.trim() ? { openaiApiKey: io.env.OPENAI_API_KEY.trim() } : {}),
    ...(io.env.HF_TOKEN?.trim() ? { hfToken: io.env.HF_TOKEN.trim() } : {}),
  };
  const overrides = Object.fromEntries(
    Object.entries(options.openai).filter(([, value]) => value !== undefined),
  ) as DigestProviderOverrides;
  let results: DigestResult[];
  try {
    ({ results } = await runConfiguredDigest({
      config,
      urls: options.urls,
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
      github: {
        token: options.token,
        apiUrl: options.apiUrl,
        owner: options.owner,
        repo: options.repo,
        throttle: options.throttle,
      },
      secrets,
      overrides,
      dryRun: options.dryRun,
      allowPrivateNetwork: options.allowPrivateNetwork,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      fetch: {
        ...(options.resolve.size > 0 ? { resolve: resolverWithOverrides(options.resolve) } : {}),
        ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      },
      describeError: digestReason,
      logger,
      clock: systemClock,
    }));
  } catch (error) {
    if (error instanceof InvalidDigestUrlsError) {
      io.stderr.write(`sumops digest: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`sumops digest: ${digestReason(error)}\n`);
    return EXIT.failed;
  }
  for (const result of results) {
    if (options.json) {
      io.stdout.write(
        `${JSON.stringify({ url: result.url, status: result.status, issue: result.issue, ...(result.reason ? { reason: result.reason } : {}) })}\n`,
      );
    } else {
      const issue = result.issue === null ? '' : ` #${result.issue}`;
      io.stdout.write(
        `${result.status.padEnd(9)} ${result.url}${issue}${result.reason ? ` (${result.reason})` : ''}\n`,
      );
    }
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  return results.length > 0 && failed === results.length ? EXIT.failed : EXIT.ok;
};
