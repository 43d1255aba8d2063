import { readFileBytes } from '#lib/fs/read-text-file';
import { resolve } from 'node:path';
import { UsageError } from '#lib/errors';
// Narrow imports, not the #lib/evaluate/index barrel: a merge needs none of the summarizers an evaluation loads.
import { readBaselineFile } from '#lib/evaluate/baseline-file';
import { DEFAULT_TOLERANCE, parseTolerance } from '#lib/evaluate/gates';
import type { MergeOptions } from '#lib/evaluate/merge';
import { mergeShards } from '#lib/evaluate/merge';
import { writeEvalOutputs } from '#lib/evaluate/outputs';
import type { Metric } from '#lib/evaluate/metrics/registry';
import { commandErrorLine } from '../error-hints';
import type { CliIO } from '../io';
import { EXIT } from '../io';
import { parseCommandArgs, parseOptionsOrExit } from '../options';
import { applyHistoryFlag } from '../history-flag';
import { renderText, write, writeJson } from '../eval-text';
import { parseMaxP95Flag, parseThresholdFlags } from '../eval-gate-flags';

const HELP = `Usage: sumops eval merge SHARD.json… [--baseline FILE] [--threshold METRIC=VALUE…] [--tolerance 0.01]
                        [--max-p95-ms MS] [--history FILE] [--out DIR] [--json]

Combines the scores.json files of every shard of one \`sumops eval --shard K/N\` run into the result the
unsharded run would have produced: the same per-case scores, aggregates, bootstrap CIs and paired deltas (computed
over the whole case list in the fixture set's order) and the same gates.

Refused: a missing shard (named), the same shard twice, and shards from another commit, fixture set, provider or
settings.

Options:
  --baseline FILE            a scores.json to compare with (as sumops eval --baseline)
  --threshold METRIC=VALUE   fail when the mean of METRIC is below VALUE (fraction, e.g. faithfulness=0.9); repeatable
  --tolerance FRACTION       regression tolerance (default ${DEFAULT_TOLERANCE})
  --max-p95-ms MS            fail when the p95 summarize latency over all shards' cases is above MS
  --history FILE             a history.jsonl: a trend gate (median of the last 5 main runs of the same fixture
                             set) and a trend chart in report.md
  --out DIR                  write DIR/scores.json and DIR/report.md
  --json                     print the merged result as JSON
  --debug                    show stack traces
  -h, --help                 show this help

Example:
  for k in 1 2 3; do sumops eval --shard $k/3 --out shard-$k; done
  sumops eval merge shard-*/scores.json --baseline main/scores.json --out eval-out

Exit codes: 0 all gates passed; 1 a gate failed, a case errored or a shard is missing; 2 bad options or a shard
that does not belong to the set.
`;

interface MergeCliOptions {
  files: string[];
  baseline?: string;
  history?: string;
  thresholds: Partial<Record<Metric, number>>;
  tolerance: number;
  maxP95Ms?: number;
  out?: string;
  json: boolean;
  debug: boolean;
}

function parseOptions(argv: string[], io: CliIO): MergeCliOptions | 'help' {
  const parsed = parseCommandArgs('eval merge', argv, {
    baseline: { type: 'string' },
    history: { type: 'string' },
    threshold: { type: 'string', multiple: true },
    tolerance: { type: 'string' },
    'max-p95-ms': { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length === 0) throw new UsageError('give the shard files to merge (SHARD.json…)');
  const maxP95Ms = parseMaxP95Flag(v['max-p95-ms']);
  return {
    files: parsed.positionals.map((file) => resolve(io.cwd, file)),
    thresholds: parseThresholdFlags(v.threshold ?? []),
    ...(maxP95Ms !== undefined ? { maxP95Ms } : {}),
    tolerance: v.tolerance === undefined ? DEFAULT_TOLERANCE : parseTolerance(v.tolerance),
    json: v.json === true,
    debug: v.debug === true,
    ...(v.baseline !== undefined ? { baseline: resolve(io.cwd, v.baseline) } : {}),
    ...(v.history !== undefined ? { history: resolve(io.cwd, v.history) } : {}),
    ...(v.out !== undefined ? { out: resolve(io.cwd, v.out) } : {}),
  };
}

export async function runMerge(argv: string[], io: CliIO): Promise<number> {
  const options = parseOptionsOrExit('eval merge', io, HELP, () => parseOptions(argv, io));
  if (typeof options === 'number') return options;
  let result;
  let trend: string | undefined;
  try {
    const mergeOptions: MergeOptions = {
      thresholds: options.thresholds,
      tolerance: options.tolerance,
      ...(options.maxP95Ms !== undefined ? { maxP95Ms: options.maxP95Ms } : {}),
    };
    if (options.baseline !== undefined) {
      mergeOptions.baseline = {
        source: { kind: 'file', path: options.baseline },
        scores: await readBaselineFile(options.baseline),
      };
    }
    const merged = await mergeShards(options.files, mergeOptions, { readFile: readFileBytes });
    ({ result, trend } = await applyHistoryFlag(
      merged,
      options.history,
      options.tolerance,
      io,
      'eval merge',
    ));
  } catch (error) {
    io.stderr.write(`${commandErrorLine('eval merge', error, { debug: options.debug })}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  if (options.out !== undefined) {
    const { scoresPath, reportPath } = await writeEvalOutputs(result, options.out, trend ? { trend } : {});
    io.stderr.write(`sumops eval merge: wrote ${scoresPath} and ${reportPath}\n`);
  }
  if (options.json) await writeJson(io, result);
  else await write(io, renderText(result));
  return result.passed ? EXIT.ok : EXIT.failed;
}
