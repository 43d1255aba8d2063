import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_EVAL_CONCURRENCY, DEFAULT_FIXTURE_GLOBS } from '#lib/defaults';
import { UsageError } from '#lib/errors';
import type { BaselineSource, EvalOptions, EvalResult } from '#lib/evaluate/index';
import {
  DEFAULT_METRICS,
  DEFAULT_TOLERANCE,
  METRICS,
  parseShardSpec,
  parseTolerance,
  runEvaluation,
  writeEvalOutputs,
} from '#lib/evaluate/index';
import { load } from '#lib/ingest/index';
import { systemClock } from '#lib/log';
import { parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';
import { progressLine } from '../progress-line';
import { parseProviderSpec } from '../provider-flags';
import { PROVIDERS } from '#lib/summarize/providers';
import type { CliIO, Command } from '../io';
import { buildLoadOptions } from '../load-options';
import { commandErrorLine, describeCliError } from '../error-hints';
import { EXIT } from '../io';
import { createCliLogger } from '../logger';
import { renderText, write, writeJson } from '../eval-text';
import { parseMaxP95Flag, parseThresholdFlags, THRESHOLD_LIKE } from '../eval-gate-flags';
import { JUDGE_ENV_HELP, JUDGE_OPTIONS_HELP, judgeFlagSpecs, parseJudgeFlags } from '../eval-judge-flags';

const HELP = `Usage: sumops eval [--fixtures GLOB…] [--shard K/N] [--provider embedded|space] [--space owner/name|URL]
                  [--baseline FILE | --baseline-provider embedded|space [--baseline-space owner/name|URL]]
                  [--threshold METRIC=VALUE…] [--tolerance 0.01] [--max-p95-ms MS] [--out DIR] [--json]
                  [--concurrency N] [--no-stemmer] [--seed N] [--sentences N]
                  [--judge openai [--judge-model NAME] [--judge-base-url URL] [--judge-cache DIR] …]

Summarizes every fixture case with a provider and scores it: ROUGE against the references, faithfulness against
the case's source (${DEFAULT_METRICS.join(', ')}), each a mean with a seeded bootstrap 95% CI.
Compares with a baseline and applies gates; reports the provider's summarize latency (p50, p95).

Fixtures: JSONL or YAML; each case has "id", one input ("text", "file" relative to the fixture file, or "url"),
"reference" or "references" (one sentence per line), optional "tags". Default: ${DEFAULT_FIXTURE_GLOBS.join(' ')}.

Options:
  --fixtures GLOB…           fixture files or globs (extra positional arguments are fixtures too)
  --provider NAME            ${PROVIDERS.join('|')} (default embedded; --space implies space)
  --space ID|URL             the Space to evaluate: owner/name (resolved via the Hub) or its URL
  --baseline FILE            a scores.json from an earlier run (e.g. main's artifact)
  --baseline-provider NAME   evaluate a second provider side by side as the baseline
  --baseline-space ID|URL    the baseline provider's Space
  --threshold METRIC=VALUE   fail when the mean of METRIC is below VALUE, a fraction (rouge1=0.30,
                             faithfulness=0.9); repeatable; METRIC: ${METRICS.join(', ')}
  --tolerance FRACTION       fail on a regression only when the delta CI lies below -FRACTION (default
                             ${DEFAULT_TOLERANCE}), for every metric that gates (${DEFAULT_METRICS.join(', ')})
  --max-p95-ms MS            fail when the provider's p95 summarize latency over the cases is above MS
                             (default: latency is reported, not gated)
  --out DIR                  write DIR/scores.json (reusable as --baseline) and DIR/report.md
  --json                     print one JSON object (passed, aggregate, cases, provider, baseline, gates)
  --shard K/N                evaluate only shard K of N (cases assigned by a hash of their id); combine the
                             shard files with \`sumops eval merge\` (see sumops eval merge --help)
  --concurrency N            cases in flight at once (default ${DEFAULT_EVAL_CONCURRENCY})
  --no-stemmer               score without Porter stemming (stemming is ON by default, as in papers)
  --seed N                   bootstrap seed (default 1)
  --sentences N              summary length in sentences
${JUDGE_OPTIONS_HELP}
  --debug                    show stack traces and per-case timings
  -h, --help                 show this help

Environment: HF_TOKEN (token for private Spaces; never printed), SUMOPS_HUB_URL (Hub API base);
with --judge, the key from ${JUDGE_ENV_HELP} (never printed).

Examples:
  sumops eval
  sumops eval --out eval-out --threshold rouge1=0.30 --threshold faithfulness=0.9 --max-p95-ms 5000
  sumops eval --baseline main/scores.json --json
  sumops eval --provider space --space my-org/summarizer --baseline-provider embedded
  sumops eval --shard 2/4 --out shard-2 && sumops eval merge shard-*/scores.json --out eval-out
  SUMOPS_JUDGE_API_KEY=… sumops eval --judge openai --judge-cache .judge-cache --out eval-out

Exit codes: 0 all gates passed; 1 a gate failed or a case errored; 2 bad options, malformed fixture or baseline.
`;

interface EvalCliOptions {
  evalOptions: EvalOptions;
  out?: string;
  json: boolean;
  debug: boolean;
}

function parseOptions(argv: string[], io: CliIO): EvalCliOptions | 'help' {
  const parsed = parseCommandArgs('eval', argv, {
    fixtures: { type: 'string', multiple: true },
    provider: { type: 'string' },
    space: { type: 'string' },
    baseline: { type: 'string' },
    'baseline-provider': { type: 'string' },
    'baseline-space': { type: 'string' },
    threshold: { type: 'string', multiple: true },
    tolerance: { type: 'string' },
    'max-p95-ms': { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    concurrency: { type: 'string' },
    shard: { type: 'string' },
    stemmer: { type: 'boolean', default: true },
    seed: { type: 'string' },
    sentences: { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...judgeFlagSpecs,
  });
  const v = parsed.values;
  if (v.help === true) return 'help';

  // A shell expands `--fixtures test/eval/*.jsonl` and `--threshold a=1 b=2` into extra positionals.
  const extraThresholds = parsed.positionals.filter((p) => THRESHOLD_LIKE.test(p));
  const extraFixtures = parsed.positionals.filter((p) => !THRESHOLD_LIKE.test(p));
  const fixtures = [...(v.fixtures ?? []), ...extraFixtures];

  const thresholds = parseThresholdFlags([...(v.threshold ?? []), ...extraThresholds]);

  if (v.baseline !== undefined && v['baseline-provider'] !== undefined) {
    throw new UsageError('use either --baseline FILE or --baseline-provider, not both');
  }
  let baseline: BaselineSource | undefined;
  if (v.baseline !== undefined) baseline = { kind: 'file', path: resolve(io.cwd, v.baseline) };
  else if (v['baseline-provider'] !== undefined || v['baseline-space'] !== undefined) {
    baseline = {
      kind: 'provider',
      provider: parseProviderSpec('baseline-provider', v['baseline-provider'], v['baseline-space'], io.env),
    };
  }

  const evalOptions: EvalOptions = {
    fixtures: fixtures.length > 0 ? fixtures : [...DEFAULT_FIXTURE_GLOBS],
    cwd: io.cwd,
    provider: parseProviderSpec('provider', v.provider, v.space, io.env),
    thresholds,
    tolerance: v.tolerance === undefined ? DEFAULT_TOLERANCE : parseTolerance(v.tolerance),
    stemmer: v.stemmer !== false,
    ...(baseline ? { baseline } : {}),
  };
  if (v.shard !== undefined) {
    // A provider baseline would be scored per shard; the merge compares with a baseline file instead.
    if (baseline?.kind === 'provider')
      throw new UsageError('--shard takes --baseline FILE at `sumops eval merge`, not --baseline-provider');
    evalOptions.shard = parseShardSpec(v.shard);
  }
  const concurrency = parseIntFlag('concurrency', v.concurrency, { min: 1, max: 64 });
  if (concurrency !== undefined) evalOptions.concurrency = concurrency;
  const seed = parseIntFlag('seed', v.seed, { min: 0, max: 2 ** 32 - 1 });
  if (seed !== undefined) evalOptions.seed = seed;
  const sentences = parseIntFlag('sentences', v.sentences, { min: 1, max: 100 });
  if (sentences !== undefined) evalOptions.sentences = sentences;
  const maxP95Ms = parseMaxP95Flag(v['max-p95-ms']);
  if (maxP95Ms !== undefined) evalOptions.maxP95Ms = maxP95Ms;
  const judge = parseJudgeFlags(v, io.env, io.cwd);
  if (judge) evalOptions.judge = judge;
  return {
    evalOptions,
    json: v.json === true,
    debug: v.debug === true,
    ...(v.out !== undefined ? { out: resolve(io.cwd, v.out) } : {}),
  };
}

async function gitSha(io: CliIO): Promise<string | undefined> {
  if (io.env.GITHUB_SHA) return io.env.GITHUB_SHA;
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], {
      cwd: io.cwd,
      timeout: 5000,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('eval', io, HELP, () => parseOptions(argv, io));
  if (typeof options === 'number') return options;
  const { evalOptions, debug } = options;
  const logger = createCliLogger(io, { debug });
  const progress = progressLine(io);
  const sha = await gitSha(io);
  if (sha) evalOptions.gitSha = sha;

  const loadOptions = buildLoadOptions(io, { debug });
  let result: EvalResult;
  try {
    result = await runEvaluation(evalOptions, {
      logger,
      clock: systemClock,
      loadDocument: (source) => load(source, loadOptions),
      describeError: (error) => describeCliError(error),
      onProgress: progress.active ? (done, total) => progress.show(`${done}/${total} cases`) : undefined,
    });
  } catch (error) {
    progress.clear();
    io.stderr.write(`${commandErrorLine('eval', error, { debug })}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  progress.clear();

  if (options.out !== undefined) {
    const { scoresPath, reportPath } = await writeEvalOutputs(result, options.out);
    io.stderr.write(`sumops eval: wrote ${scoresPath} and ${reportPath}\n`);
  }
  if (options.json) await writeJson(io, result);
  else await write(io, renderText(result));
  return result.passed ? EXIT.ok : EXIT.failed;
};
