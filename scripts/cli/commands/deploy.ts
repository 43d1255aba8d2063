import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '#lib/errors';
import { deploySpace } from '#lib/deploy/deploy-space';
import { describeFailure, describeRollback } from '#lib/deploy/deploy-report';
import type { DeployReport } from '#lib/deploy/deploy-report';
import { DEFAULT_DEPLOY_TIMEOUT_MS } from '#lib/deploy/runtime';
import { DEFAULT_HUB_URL } from '#lib/defaults';
import { systemClock } from '#lib/log';
import type { CliIO, Command } from '../io';
import { EXIT } from '../io';
import { createCliLogger } from '../logger';
import { parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';
import { deployErrorText, redact } from '../deploy-hints';

const HELP = `Usage: sumops deploy [DIR] --space OWNER/NAME [--hub-url URL] [--create] [--private] [--dry-run]
                     [--json] [--ignore PATTERN]... [--no-wait] [--no-smoke] [--no-rollback]
                     [--wait-timeout MS]

Ships DIR (default space) to a Hugging Face Space: uploads only added and changed files, deletes files gone
locally (never .gitattributes) and makes no commit when nothing changed. Links inside DIR are skipped and
README.md or .spaceignore as a link is refused; DIR itself may be a link only when you name it. Then waits until the Space runs the
new commit, calls /summarize once (smoke test), and rolls back to the previous tree when the build or the smoke
test fails.

Options:
  --space OWNER/NAME     the Space to deploy to (required)
  --hub-url URL          Hub API base (default $SUMOPS_HUB_URL or ${DEFAULT_HUB_URL})
  --create               create the Space when it does not exist (SDK from DIR/README.md front matter)
  --private              with --create: make the new Space private
  --dry-run              print the plan (added, updated, deleted, unchanged) and write nothing
  --json                 print one JSON object: space, dryRun, commit, parentCommit, added, updated, deleted,
                         unchanged, stage, smoke, rolledBack, url
  --ignore PATTERN       skip files matching this gitignore pattern (repeatable; DIR/.spaceignore is read too)
  --no-wait              return after the commit, without waiting for the build (no smoke test, no rollback)
  --no-smoke             skip the /summarize smoke test
  --no-rollback          leave a failed deploy in place instead of restoring the previous tree
  --wait-timeout MS      how long the build may take (default ${DEFAULT_DEPLOY_TIMEOUT_MS})
  --debug                show stack traces
  -h, --help             show this help

Environment: HF_TOKEN (required; a write token, never a flag so it stays out of shell history, never printed);
HF_READ_TOKEN (a read token for the smoke test of a private Space: the write token is never sent to the app).

Examples:
  sumops deploy --space my-org/summarizer --dry-run
  HF_TOKEN=hf_… sumops deploy space --space my-org/summarizer --create --json

Exit codes: 0 deployed or nothing to do; 1 the build, smoke test or rollback failed (after rolling back);
2 bad options, token or configuration.
`;

interface DeployCliOptions {
  dir: string;
  /** DIR was given on the command line, so a link there is what the user asked for. */
  dirNamed: boolean;
  space: string;
  hubUrl: string;
  create: boolean;
  private: boolean;
  dryRun: boolean;
  json: boolean;
  ignore: string[];
  wait: boolean;
  smoke: boolean;
  rollback: boolean;
  waitTimeoutMs: number;
  debug: boolean;
}

function parseOptions(argv: string[], io: CliIO): DeployCliOptions | 'help' {
  const parsed = parseCommandArgs('deploy', argv, {
    space: { type: 'string' },
    'hub-url': { type: 'string' },
    create: { type: 'boolean' },
    private: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    ignore: { type: 'string', multiple: true },
    wait: { type: 'boolean', default: true },
    smoke: { type: 'boolean', default: true },
    rollback: { type: 'boolean', default: true },
    'wait-timeout': { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length > 1) {
    throw new UsageError(
      `expected one DIR, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`,
    );
  }
  if (v.space === undefined || v.space.trim() === '') throw new UsageError('--space OWNER/NAME is required');
  const hubUrl = (v['hub-url'] ?? io.env.SUMOPS_HUB_URL ?? DEFAULT_HUB_URL).trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(hubUrl))
    throw new UsageError(`--hub-url must be an http(s) URL, got "${hubUrl}"`);
  if (v.private === true && v.create !== true) throw new UsageError('--private only applies with --create');
  return {
    dir: resolve(io.cwd, parsed.positionals[0] ?? 'space'),
    dirNamed: parsed.positionals[0] !== undefined,
    space: v.space.trim(),
    hubUrl,
    create: v.create === true,
    private: v.private === true,
    dryRun: v['dry-run'] === true,
    json: v.json === true,
    ignore: v.ignore ?? [],
    wait: v.wait !== false,
    smoke: v.smoke !== false,
    rollback: v.rollback !== false,
    waitTimeoutMs:
      parseIntFlag('wait-timeout', v['wait-timeout'], { min: 1_000, max: 6 * 3_600_000 }) ??
      DEFAULT_DEPLOY_TIMEOUT_MS,
    debug: v.debug === true,
  };
}

/** The source commit, so the Space history points back at what produced it. */
async function sourceCommit(io: CliIO): Promise<{ sha?: string; subject?: string }> {
  try {
    const { stdout } = await promisify(execFile)('git', ['log', '-1', '--format=%H%n%s'], {
      cwd: io.cwd,
      timeout: 5000,
    });
    const [sha, subject] = stdout.split('\n');
    return { ...(sha ? { sha } : {}), ...(subject ? { subject } : {}) };
  } catch {
    return {};
  }
}

/** The object --json prints: exactly the fields documented in --help. */
export function deployJson(report: DeployReport) {
  return {
    space: report.spaceId,
    dryRun: report.dryRun,
    commit: report.sync.commit,
    parentCommit: report.sync.parentCommit,
    added: report.sync.added,
    updated: report.sync.updated,
    deleted: report.sync.deleted,
    unchanged: report.sync.unchanged,
    stage: report.stage,
    smoke: report.smoke,
    rolledBack: report.rolledBack,
    url: report.url,
  };
}

function renderText(report: DeployReport): string {
  const { sync } = report;
  const lines = [
    `${report.dryRun ? 'plan for' : 'Space'} ${report.spaceId}: ${sync.added.length} added, ${sync.updated.length} updated, ` +
      `${sync.deleted.length} deleted, ${sync.unchanged} unchanged`,
    ...sync.added.map((path) => `  + ${path}`),
    ...sync.updated.map((path) => `  ~ ${path}`),
    ...sync.deleted.map((path) => `  - ${path}`),
  ];
  if (report.dryRun) lines.push('dry run: nothing was written');
  else if (sync.commit === null) lines.push('nothing changed: no commit');
  else lines.push(`commit ${sync.commit} ${report.commitUrl ?? ''}`.trimEnd());
  if (report.stage !== null) lines.push(`stage ${report.stage}, smoke test ${report.smoke}`);
  lines.push(report.url);
  return `${lines.join('\n')}\n`;
}

/** What went wrong, the log that says why, and what the rollback did; for stderr. */
function renderFailure(report: DeployReport): string {
  const failure = report.failure;
  if (!failure) return '';
  const lines = [`sumops deploy: ${failure.error.message}`];
  if (failure.kind === 'build' && failure.error.log) {
    const log = failure.error.log;
    if (log.lines.length > 0) {
      lines.push(
        `last ${log.lines.length} lines of the ${log.kind} log${log.truncated ? ' (log cut at the read limit)' : ''}:`,
      );
      lines.push(...log.lines.map((line) => `  | ${line}`));
    } else if (log.unavailable) {
      lines.push(`the ${log.kind} log could not be read: ${log.unavailable}`);
    }
  }
  const rollback = report.rollback;
  if (!rollback) {
    lines.push(
      report.sync.commit === null
        ? 'sumops deploy: nothing was changed, so there is nothing of this run to roll back'
        : report.sync.parentCommit === null
          ? 'sumops deploy: there was no earlier commit to roll back to'
          : 'sumops deploy: not rolled back (--no-rollback); the Space keeps the failing commit',
    );
  } else if (rollback.error) {
    lines.push(`sumops deploy: ROLLBACK FAILED: ${rollback.error}; fix the Space by hand on the Hub`);
  } else {
    lines.push(
      `sumops deploy: ROLLED BACK ${describeRollback(rollback)} because ${describeFailure(failure)}` +
        `${rollback.commit ? ` (commit ${rollback.commit})` : ''}; the Space is ${rollback.stage ?? 'unknown'} again`,
    );
  }
  if (failure.kind === 'timeout') lines.push('hint: raise --wait-timeout if the build is just slow');
  if (failure.kind === 'smoke') lines.push('hint: see the run log on the Space page; try again with --debug');
  return `${lines.join('\n')}\n`;
}

async function write(io: CliIO, text: string): Promise<void> {
  if (!io.stdout.write(text)) await io.stdout.drained();
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('deploy', io, HELP, () => parseOptions(argv, io));
  if (typeof options === 'number') return options;
  const token = io.env.HF_TOKEN?.trim() ?? '';
  const readToken = io.env.HF_READ_TOKEN?.trim() ?? '';
  const redactAll = (text: string) => redact(redact(text, token), readToken);
  const logger = createCliLogger(io, { debug: options.debug });
  const source = await sourceCommit(io);
  const repository = io.env.GITHUB_REPOSITORY;

  let report: DeployReport;
  try {
    report = await deploySpace({
      access: { hubUrl: options.hubUrl, accessToken: token },
      ...(readToken ? { appToken: readToken } : {}),
      spaceId: options.space,
      dir: options.dir,
      allowFolderLink: options.dirNamed,
      ignore: options.ignore,
      create: options.create,
      private: options.private,
      dryRun: options.dryRun,
      title: source.subject?.slice(0, 200) || 'Deploy with sumops',
      description: [
        'Deployed with `sumops deploy`.',
        ...(repository ? [`Source repository: ${repository}`] : []),
        ...(source.sha ? [`Source commit: ${source.sha}`] : []),
      ].join('\n'),
      wait: options.wait,
      smoke: options.smoke,
      rollback: options.rollback,
      waitTimeoutMs: options.waitTimeoutMs,
      clock: systemClock,
      logger,
    });
  } catch (error) {
    io.stderr.write(
      redactAll(`${deployErrorText(error, options.debug)}
`),
    );
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
  await write(io, redactAll(options.json ? `${JSON.stringify(deployJson(report))}\n` : renderText(report)));
  if (report.outcome !== 'failed') return EXIT.ok;
  io.stderr.write(redactAll(renderFailure(report)));
  return EXIT.failed;
};
