import { resolve } from 'node:path';
import type { Metric } from '#lib/evaluate/index';
import { describeMetric, isMetric, METRICS } from '#lib/evaluate/index';
import type { HistoryRecord } from '#lib/history/index';
import { fixtureSets, readHistory } from '#lib/history/index';
import { UsageError } from '#lib/errors';
import { commandErrorLine } from '../error-hints';
import type { CliIO, Command } from '../io';
import { EXIT } from '../io';
import { readTextIfExists } from '../history-flag';
import { parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';

export const DEFAULT_HISTORY_FILE = 'history.jsonl';

const HELP = `Usage: sumops history [--file FILE] [--metric rouge1] [--last N] [--fixture-set HASH|all] [--json]

Prints the score history: one record per evaluation on main and per deploy (date, commit, model, cases, the
metric's mean with its 95% CI, the p95 summarize latency). Only records of one fixture set are one measurement, so one set is shown at a time: by default
the set of the newest record.

The evaluate workflow keeps the file on the sumops-history branch; to read it locally:
  git fetch origin sumops-history && git show origin/sumops-history:history.jsonl > history.jsonl

Options:
  --file FILE              the history JSONL (default ${DEFAULT_HISTORY_FILE})
  --metric NAME            ${METRICS.join('|')} (default rouge1)
  --last N                 only the last N records of the set (default 20)
  --fixture-set HASH|all   the fixture set to show (a hash prefix is enough), or every set, each apart
  --json                   print the selected records as a JSON list
  -h, --help               show this help
`;

interface HistoryCliOptions {
  file: string;
  metric: Metric;
  last: number;
  fixtureSet?: string;
  json: boolean;
}

function parseOptions(argv: string[], io: CliIO): HistoryCliOptions | 'help' {
  const parsed = parseCommandArgs(
    'history',
    argv,
    {
      file: { type: 'string' },
      metric: { type: 'string' },
      last: { type: 'string' },
      'fixture-set': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    { positionals: false },
  );
  const v = parsed.values;
  if (v.help === true) return 'help';
  const metric = v.metric ?? 'rouge1';
  if (!isMetric(metric))
    throw new UsageError(`--metric must be one of ${METRICS.join(', ')}, got "${v.metric}"`);
  return {
    file: resolve(io.cwd, v.file ?? DEFAULT_HISTORY_FILE),
    metric,
    last: parseIntFlag('last', v.last, { min: 1, max: 100_000 }) ?? 20,
    json: v.json === true,
    ...(v['fixture-set'] !== undefined ? { fixtureSet: v['fixture-set'] } : {}),
  };
}

function renderSet(set: string, records: HistoryRecord[], metric: Metric): string[] {
  const { label, format } = describeMetric(metric).render;
  const header = ['date', 'kind', 'commit', 'model', 'cases', `${label} ×100`, '95% CI', 'p95 latency'];
  const rows = records.map((r) => {
    const a = r.aggregate[metric];
    return [
      r.date.slice(0, 16).replace('T', ' '),
      r.kind === 'deploy' ? `deploy${r.spaceCommit ? ` ${r.spaceCommit.slice(0, 7)}` : ''}` : 'main',
      r.gitSha.slice(0, 7),
      r.model,
      String(r.cases),
      a ? format(a.mean) : '—',
      a ? `[${format(a.low)}, ${format(a.high)}]` : '',
      r.latency ? `${Math.round(r.latency.p95Ms)} ms` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [`fixture set ${set}`, line(header), ...rows.map(line)];
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('history', io, HELP, () => parseOptions(argv, io));
  if (typeof options === 'number') return options;
  let file;
  try {
    file = await readHistory(options.file, { readText: readTextIfExists });
  } catch (error) {
    io.stderr.write(`${commandErrorLine('history', error)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  for (const s of file.skipped)
    io.stderr.write(`sumops history: ${options.file}:${s.line}: skipped (${s.reason})\n`);
  if (file.records.length === 0) {
    io.stderr.write(`sumops history: no records in ${options.file}\n`);
    if (options.json) io.stdout.write('[]\n');
    return EXIT.ok;
  }
  const sets = fixtureSets(file.records);
  let chosen = sets;
  if (options.fixtureSet !== 'all') {
    const wanted = options.fixtureSet;
    const match =
      wanted === undefined
        ? sets[0]
        : sets.find((s) => s.fixtureSet.replace(/^sha256:/, '').startsWith(wanted.replace(/^sha256:/, '')));
    if (!match) {
      io.stderr.write(
        `sumops history: no fixture set ${wanted ?? ''} in ${options.file}; it has ${sets.map((s) => s.fixtureSet.slice(0, 19)).join(', ')}\n`,
      );
      return EXIT.usage;
    }
    chosen = [match];
  }
  const selected = chosen.map((s) => {
    const records = file.records.filter((r) => r.fixtureSet === s.fixtureSet);
    return { set: s.fixtureSet, records: records.slice(Math.max(0, records.length - options.last)) };
  });
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        selected.flatMap((s) => s.records),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const lines: string[] = [];
  for (const s of selected) lines.push(...renderSet(s.set, s.records, options.metric), '');
  const hidden = file.records.length - chosen.reduce((n, s) => n + s.records, 0);
  if (hidden > 0)
    lines.push(
      `${hidden} record(s) of other fixture sets not shown: they measure other cases (--fixture-set all)`,
    );
  io.stdout.write(`${lines.join('\n').trimEnd()}\n`);
  return EXIT.ok;
};
