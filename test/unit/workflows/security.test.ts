/**
 * Security invariants of every workflow in .github/workflows, read as a reviewer would:
 * - a job that runs PR code (checks out the PR's commit, or starts space/app.py on a PR) holds no secret and no
 *   write permission, so nothing it runs can steal or use one (a job shares its token, secrets and machine);
 * - write permissions that post comments exist only in jobs that run the comment action;
 * - untrusted artifacts are downloaded under runner.temp, never into the workspace beside the actions;
 * - evaluate.yml's path filter keeps space/README.md (the Space's runtime versions) and drops docs;
 * - tokens by role: the Hugging Face write token only in the production and preview environments, for the deploy
 *   actions; a read token (or none) wherever a Space's app is called; one notice for the old repository secret;
 * - jobs holding a secret or a write permission pin every action by full commit SHA.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patternToRegExp, selectedBy, triggersWorkflow } from './path-filter';
import type { PathFilter } from './path-filter';

const WORKFLOWS_DIR = new URL('../../../.github/workflows/', import.meta.url);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Json;
  env?: Json;
}
interface Job {
  name: string;
  raw: Json;
  steps: Step[];
  /** Job-level permissions, else the workflow's; undefined when neither is set (the repository default applies). */
  permissions: unknown;
}
interface Workflow {
  file: string;
  raw: Json;
  events: string[];
  jobs: Job[];
}

function loadWorkflow(file: string, text: string): Workflow {
  const raw: unknown = parse(text);
  if (!isRecord(raw) || !isRecord(raw.jobs)) throw new Error(`${file}: no jobs`);
  const on = raw.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on as Json);
  const jobs = Object.entries(raw.jobs).map(([name, job]): Job => {
    if (!isRecord(job)) throw new Error(`${file}: job ${name} is not a mapping`);
    const steps = Array.isArray(job.steps) ? job.steps.filter(isRecord).map((s) => s as Step) : [];
    return { name, raw: job, steps, permissions: 'permissions' in job ? job.permissions : raw.permissions };
  });
  return { file, raw, events, jobs };
}

const workflowTexts = new Map(
  readdirSync(WORKFLOWS_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => [file, readFileSync(join(WORKFLOWS_DIR.pathname, file), 'utf8')] as const),
);
const workflows = [...workflowTexts].map(([file, text]) => loadWorkflow(file, text));

/** A scalar YAML value as text ('' when absent); mappings and lists are JSON so nothing reads as "[object Object]". */
const text = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : `${value as string}`;

const isCheckout = (step: Step) => /^actions\/checkout@/.test(step.uses ?? '');
const isDownload = (step: Step) => /^actions\/download-artifact@/.test(step.uses ?? '');

/** Refs that name the PR's own commit (head, merge ref); the base commit and the default branch are main's code. */
const PR_REF = /head|refs\/pull\/|merge/i;
// `base.sha || github.sha`: the base commit on a pull_request (always set there), the pushed commit of main on a push.
const TRUSTED_REF =
  /^\$\{\{\s*github\.event\.(pull_request\.base\.(sha|ref)(\s*\|\|\s*github\.sha)?|repository\.default_branch)\s*\}\}$/;

/** A job guarded so that it never runs for a pull_request event. */
const neverOnPullRequest = (job: Job) => /github\.event_name\s*!=\s*'pull_request'/.test(text(job.raw.if));

/** Where each checkout of the job puts PR-controlled files ('' for the workspace root). */
function pullRequestCheckouts(workflow: Workflow, job: Job): string[] {
  const onPullRequest = workflow.events.includes('pull_request') && !neverOnPullRequest(job);
  const paths: string[] = [];
  for (const step of job.steps.filter(isCheckout)) {
    const ref = text(step.with?.ref);
    const prContent =
      ref === '' ? onPullRequest : PR_REF.test(ref) || (onPullRequest && !TRUSTED_REF.test(ref));
    if (prContent) paths.push(text(step.with?.path).replace(/\/+$/, ''));
  }
  return paths;
}

/**
 * Whether a job executes code the PR controls. On `pull_request`, checkout without `ref` gives the PR's merge
 * commit; any ref but the base or default branch counts as PR content. PR content is executed when the job has any
 * `run:` step (a shell in the workspace can reach every file) or a local action (`uses: ./…`) inside a PR checkout;
 * a job whose PR checkout sits in its own folder, with only actions from a trusted checkout, reads PR files but
 * runs none of them (the preview upload).
 */
function runsPullRequestCode(workflow: Workflow, job: Job): boolean {
  const prPaths = pullRequestCheckouts(workflow, job);
  if (workflow.events.includes('pull_request') && job.steps.some((s) => /space\/app\.py/.test(s.run ?? '')))
    return true;
  if (prPaths.length === 0) return false;
  if (job.steps.some((s) => s.run !== undefined)) return true;
  return job.steps.some((step) => {
    const local = step.uses?.startsWith('./') ? step.uses.slice(2) : undefined;
    if (local === undefined) return false;
    return prPaths.some((path) => path === '' || local === path || local.startsWith(`${path}/`));
  });
}

function writePermissions(permissions: unknown): string[] {
  if (permissions === undefined) return ['(unset: the repository default may be write-all)'];
  if (typeof permissions === 'string') return permissions === 'read-all' ? [] : [permissions];
  if (!isRecord(permissions)) return [text(permissions)];
  return Object.entries(permissions)
    .filter(([, level]) => level !== 'read' && level !== 'none')
    .map(([scope, level]) => `${scope}: ${text(level)}`);
}

const mentionsSecrets = (value: unknown) => /\bsecrets\s*[.[]|secrets:\s*inherit/.test(JSON.stringify(value));

const allJobs = workflows.flatMap((workflow) => workflow.jobs.map((job) => ({ workflow, job })));
const prCodeJobs = allJobs.filter(({ workflow, job }) => runsPullRequestCode(workflow, job));
const label = ({ workflow, job }: { workflow: Workflow; job: Job }) => `${workflow.file}#${job.name}`;

describe('workflows: jobs that run PR code hold nothing worth stealing', () => {
  it('finds the jobs that run PR code (so the checks below are not vacuous)', () => {
    expect(prCodeJobs.map(label).sort()).toEqual([
      'ci.yml#check',
      'evaluate.yml#evaluate',
      'evaluate.yml#merge',
      'evaluate.yml#plan',
    ]);
  });

  it.each(prCodeJobs.map((entry) => [label(entry), entry] as const))(
    '%s: no secrets, no write permission',
    (_, { workflow, job }) => {
      expect(mentionsSecrets(job.raw), 'a secret reference in the job').toBe(false);
      expect(mentionsSecrets(workflow.raw.env ?? {}), 'a secret in the workflow-level env').toBe(false);
      expect(writePermissions(job.permissions)).toEqual([]);
    },
  );

  it.each(['plan', 'evaluate', 'merge'])(
    'evaluate.yml#%s gets exactly contents: read and posts nothing itself',
    (name) => {
      const entry = allJobs.find((e) => label(e) === `evaluate.yml#${name}`);
      expect(entry?.job.permissions).toEqual({ contents: 'read' });
      for (const step of entry?.job.steps.filter((s) => s.uses === './actions/evaluate') ?? []) {
        expect(step.with?.comment).toBe('false');
        expect(step.with?.['github-token']).toBe('');
        expect(step.with?.['hf-token']).toBeUndefined();
      }
    },
  );

  it('the shard matrix: every shard runs to the end, each evaluates its shard, the merge reads them all', () => {
    const evaluate = allJobs.find((e) => label(e) === 'evaluate.yml#evaluate')?.job.raw;
    const strategy = evaluate?.strategy as Json | undefined;
    expect(strategy?.['fail-fast']).toBe(false);
    expect(text((strategy?.matrix as Json | undefined)?.shard)).toBe(
      '${{ fromJSON(needs.plan.outputs.matrix) }}',
    );
    const shardStep = allJobs
      .find((e) => label(e) === 'evaluate.yml#evaluate')
      ?.job.steps.find((s) => s.uses === './actions/evaluate');
    expect(shardStep?.with?.shard).toBe('${{ matrix.shard }}/${{ needs.plan.outputs.shards }}');
    // A shard neither compares nor gates: the merge does both over the whole case list.
    expect(shardStep?.with?.baseline).toBeUndefined();
    const merge = allJobs.find((e) => label(e) === 'evaluate.yml#merge');
    expect(merge?.job.raw.needs).toEqual(['baseline', 'plan', 'evaluate']);
    expect(text(merge?.job.raw.if)).toContain('!cancelled()');
    const mergeStep = merge?.job.steps.find((s) => s.uses === './actions/evaluate');
    expect(mergeStep?.with?.['merge-shards']).toBe('${{ runner.temp }}/eval-shards');
    const download = merge?.job.steps.find((s) => isDownload(s) && s.with?.pattern !== undefined);
    expect(download?.with?.pattern).toBe('eval-shard-*');
  });

  it('every job states its permissions (never the repository default)', () => {
    const unset = allJobs.filter(({ job }) => job.permissions === undefined).map(label);
    expect(unset).toEqual([]);
  });

  it('write permissions for comments and issues exist only in jobs that run a sumops action that writes them', () => {
    const writers = allJobs.filter(({ job }) =>
      writePermissions(job.permissions).some((p) => /^(pull-requests|issues): write$/.test(p)),
    );
    expect(writers.map(label).sort()).toEqual([
      'evaluate-comment.yml#comment',
      'preview.yml#delete-preview',
      'preview.yml#deploy-preview',
      'summarize.yml#summarize',
    ]);
    // Each writes through one of sumops' own actions, taken from a trusted checkout.
    const COMMENTING = /^\.\/(trusted\/)?actions\/(comment|deploy-space|space-preview|summarize-urls)$/;
    for (const { job } of writers) expect(job.steps.some((s) => COMMENTING.test(s.uses ?? ''))).toBe(true);
  });

  it('jobs holding a secret or write token never check out the PR head', () => {
    const privileged = allJobs.filter(
      ({ job }) => mentionsSecrets(job.raw) || writePermissions(job.permissions).length > 0,
    );
    expect(privileged.length).toBeGreaterThan(0);
    for (const entry of privileged) {
      expect(runsPullRequestCode(entry.workflow, entry.job), label(entry)).toBe(false);
      // A PR checkout in a privileged job is only ever a separate folder of files to upload, never the workspace.
      expect(pullRequestCheckouts(entry.workflow, entry.job), label(entry)).not.toContain('');
    }
  });

  it('every checkout drops its credentials', () => {
    for (const { workflow, job } of allJobs) {
      for (const step of job.steps.filter(isCheckout)) {
        expect(step.with?.['persist-credentials'], `${workflow.file}#${job.name}`).toBe(false);
      }
    }
  });

  it('artifacts are downloaded under runner.temp, outside the workspace', () => {
    const downloads = allJobs.flatMap((entry) =>
      entry.job.steps.filter(isDownload).map((s) => [entry, s] as const),
    );
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    for (const [entry, step] of downloads) {
      expect(text(step.with?.path), label(entry)).toMatch(/^\$\{\{\s*runner\.temp\s*\}\}\//);
    }
  });
});

describe('evaluate.yml path filter (GitHub semantics)', () => {
  const evaluate = workflows.find((w) => w.file === 'evaluate.yml');
  const on = evaluate?.raw.on as Record<string, PathFilter>;

  it.each(['pull_request', 'push'])('%s: runs for space/README.md and code, not for docs alone', (event) => {
    const filter = on[event] ?? {};
    expect(triggersWorkflow(filter, ['space/README.md'])).toBe(true);
    expect(triggersWorkflow(filter, ['space/app.py'])).toBe(true);
    expect(triggersWorkflow(filter, ['space/requirements.txt'])).toBe(true);
    expect(triggersWorkflow(filter, ['actions/lib/evaluate/run.ts'])).toBe(true);
    expect(triggersWorkflow(filter, ['test/eval/news.jsonl'])).toBe(true);
    expect(triggersWorkflow(filter, ['.github/workflows/evaluate.yml'])).toBe(true);
    expect(triggersWorkflow(filter, ['docs/x.md'])).toBe(false);
    expect(triggersWorkflow(filter, ['README.md', 'actions/evaluate/README.md', 'docs/guide/setup.md'])).toBe(
      false,
    );
    expect(triggersWorkflow(filter, ['README.md', 'space/README.md'])).toBe(true);
  });

  it('the old paths-ignore filter is what dropped space/README.md', () => {
    expect(triggersWorkflow({ 'paths-ignore': ['**.md', 'docs/**'] }, ['space/README.md'])).toBe(false);
  });
});

describe('path-filter matcher against the cheat sheet of "Workflow syntax for GitHub Actions"', () => {
  // Every row of "Patterns to match file paths": pattern, paths it must match, paths it must not.
  const rows: [string, string[], string[]][] = [
    ['*', ['README.md', 'server.rb'], ['docs/README.md']],
    ['*.jsx?', ['page.js', 'page.jsx'], ['page.jsxx', 'src/page.js']],
    ['**', ['all/the/files.md', 'README.md'], []],
    ['*.js', ['app.js', 'index.js'], ['js/index.js']],
    ['**.js', ['index.js', 'js/index.js', 'src/js/app.js'], ['index.ts']],
    ['docs/*', ['docs/README.md', 'docs/file.txt'], ['docs/mona/octocat.txt']],
    ['docs/**', ['docs/README.md', 'docs/mona/octocat.txt'], ['README.md', 'a/docs/x']],
    [
      'docs/**/*.md',
      ['docs/README.md', 'docs/mona/hello-world.md', 'docs/a/markdown/file.md'],
      ['docs/a.txt'],
    ],
    ['**/docs/**', ['docs/hello.md', 'dir/docs/my-file.txt', 'space/docs/plan/space.doc'], ['mydocs/x']],
    ['**/README.md', ['README.md', 'js/README.md'], ['README.mdx', 'js/MY-README.md']],
    ['**/*src/**', ['a/src/app.js', 'my-src/code/js/app.js'], ['src.js']],
    ['**/*-post.md', ['my-post.md', 'path/their-post.md'], ['post.md']],
    [
      '**/migrate-*.sql',
      ['migrate-10909.sql', 'db/migrate-v1.0.sql', 'db/sept/migrate-v1.sql'],
      ['migrate.sql'],
    ],
    ['v[12].[0-9]+.[0-9]+', ['v1.10.1', 'v2.0.0'], ['v3.0.0', 'v1.x.1']],
  ];
  it.each(rows)('%s', (pattern, matching, other) => {
    for (const path of matching) expect(patternToRegExp(pattern).test(path), path).toBe(true);
    for (const path of other) expect(patternToRegExp(pattern).test(path), path).toBe(false);
  });

  it('checks patterns in order: a later negative excludes, a later positive re-includes', () => {
    expect(selectedBy(['*.md', '!README.md'], 'hello.md')).toBe(true);
    expect(selectedBy(['*.md', '!README.md'], 'README.md')).toBe(false);
    expect(selectedBy(['*.md', '!README.md'], 'docs/hello.md')).toBe(false);
    expect(selectedBy(['*.md', '!README.md', 'README*'], 'README.md')).toBe(true);
    expect(selectedBy(['*.md', '!README.md', 'README*'], 'README.doc')).toBe(true);
    expect(
      triggersWorkflow({ paths: ['sub-project/**', '!sub-project/docs/**'] }, ['sub-project/docs/readme.md']),
    ).toBe(false);
    expect(
      triggersWorkflow({ paths: ['sub-project/**', '!sub-project/docs/**'] }, ['sub-project/src/index.js']),
    ).toBe(true);
  });
});

describe('Hugging Face tokens by role', () => {
  const WRITE = '${{ secrets.HF_TOKEN }}';
  const READ = '${{ secrets.HF_READ_TOKEN }}';
  const PRESENCE = "${{ secrets.HF_TOKEN != '' }}";
  const environmentOf = (job: Job) => {
    const environment = job.raw.environment;
    return typeof environment === 'string' ? environment : text((environment as Json | undefined)?.name);
  };
  /** Every place a job names HF_TOKEN: step inputs, step env, anything else (job env, if, outputs). */
  function writeTokenUses(job: Job): { as: 'token' | 'presence' | 'other'; step?: Step }[] {
    const uses: { as: 'token' | 'presence' | 'other'; step?: Step }[] = [];
    for (const step of job.steps) {
      for (const value of Object.values(step.with ?? {})) {
        if (/secrets\.HF_TOKEN\b/.test(text(value)))
          uses.push({ as: text(value) === WRITE ? 'token' : 'other', step });
      }
      for (const value of Object.values(step.env ?? {})) {
        if (/secrets\.HF_TOKEN\b/.test(text(value)))
          uses.push({ as: text(value) === PRESENCE ? 'presence' : 'other', step });
      }
    }
    const { steps: _steps, ...rest } = job.raw;
    if (/secrets\.HF_TOKEN\b/.test(JSON.stringify(rest))) uses.push({ as: 'other' });
    return uses;
  }

  it('the write token HF_TOKEN is only ever hf-token of the deploy actions, in the production or preview environment', () => {
    const holders: string[] = [];
    for (const entry of allJobs) {
      for (const use of writeTokenUses(entry.job)) {
        expect(
          use.as,
          `${label(entry)} names HF_TOKEN as neither a token input nor a presence check`,
        ).not.toBe('other');
        if (use.as !== 'token') continue;
        holders.push(label(entry));
        expect(use.step?.uses, label(entry)).toMatch(
          /^\.\/(trusted\/)?actions\/(deploy-space|space-preview)$/,
        );
        expect(use.step?.with?.['hf-token'], label(entry)).toBe(WRITE);
        expect(['production', 'preview'], label(entry)).toContain(environmentOf(entry.job));
      }
    }
    expect([...new Set(holders)].sort()).toEqual([
      'deploy.yml#deploy',
      'preview.yml#delete-preview',
      'preview.yml#deploy-preview',
      'preview.yml#sweep',
    ]);
    for (const workflow of workflows) expect(JSON.stringify(workflow.raw.env ?? {})).not.toMatch(/secrets\./);
  });

  it('the production environment (the production write token) is deploy.yml#deploy alone, on main after the gate', () => {
    const production = allJobs.filter(({ job }) => environmentOf(job) === 'production');
    expect(production.map(label)).toEqual(['deploy.yml#deploy']);
    const deploy = production[0]?.job;
    expect(deploy?.raw.needs).toBe('gate');
    expect(text(deploy?.raw.if)).toContain("github.ref == 'refs/heads/main'");
    expect(text(deploy?.raw.if)).toContain("needs.gate.outputs.deploy == 'true'");
    const on = workflows.find((w) => w.file === 'deploy.yml')?.raw.on as Json;
    expect(Object.keys(on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect((on.push as Json).branches).toEqual(['main']);
  });

  it('a Space app is called with the read token or none: never the write token', () => {
    const appCallers = allJobs.flatMap((entry) =>
      entry.job.steps
        .filter((step) =>
          /^\.\/(trusted\/)?actions\/(evaluate|summarize-urls|deploy-space)$/.test(step.uses ?? ''),
        )
        .map((step) => ({ entry, step })),
    );
    expect(appCallers.length).toBeGreaterThanOrEqual(6);
    for (const { entry, step } of appCallers) {
      const inputs = step.with ?? {};
      if (step.uses?.endsWith('deploy-space')) {
        // The write token is for the Hub API; the app sees read-token (and only when the Space is private).
        expect(inputs['read-token'], label(entry)).toBe(READ);
      } else if (inputs['hf-token'] !== undefined) {
        expect(inputs['hf-token'], label(entry)).toBe(READ);
      }
    }
    const baseline = allJobs.find((e) => label(e) === 'evaluate.yml#baseline');
    expect(baseline?.job.steps.find((s) => s.uses === './actions/evaluate')?.with?.['hf-token']).toBe(READ);
    const summarize = allJobs.find((e) => label(e) === 'summarize.yml#summarize');
    expect(summarize?.job.steps.find((s) => s.uses === './actions/summarize-urls')?.with?.['hf-token']).toBe(
      READ,
    );
  });

  it('a repository still holding the old HF_TOKEN gets one warning saying what to move where, and never its value', async () => {
    const checks = allJobs.flatMap((entry) =>
      writeTokenUses(entry.job)
        .filter((use) => use.as === 'presence')
        .map((use) => ({ entry, step: use.step as Step })),
    );
    expect(checks.map(({ entry }) => label(entry)).sort()).toEqual([
      'deploy.yml#gate',
      'summarize.yml#summarize',
    ]);
    const warnings = new Set<string>();
    for (const { entry, step } of checks) {
      // Only in jobs without an environment (so the secret seen is the repository's) that run no PR code.
      expect(environmentOf(entry.job), label(entry)).toBe('');
      expect(runsPullRequestCode(entry.workflow, entry.job), label(entry)).toBe(false);
      const env = Object.entries(step.env ?? {}).find(([, value]) => text(value) === PRESENCE)?.[0] ?? '';
      const run = (present: string) =>
        promisify(execFile)('bash', ['-e', '-c', step.run ?? ''], {
          env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: '/dev/null', [env]: present },
        });
      const { stdout } = await run('true');
      const warning = stdout.split('\n').find((line) => line.startsWith('::warning '));
      expect(warning, label(entry)).toBeDefined();
      warnings.add(warning ?? '');
      expect((await run('false')).stdout).not.toContain('::warning');
    }
    expect(warnings.size).toBe(1);
    const [warning = ''] = warnings;
    for (const part of [
      'Environments → production',
      'branch policy: main',
      'HF_READ_TOKEN',
      'preview environment',
      'delete the repository secret HF_TOKEN',
    ]) {
      expect(warning).toContain(part);
    }
  });
});

describe('privileged jobs pin their actions', () => {
  const privileged = allJobs.filter(
    ({ job }) =>
      mentionsSecrets(job.raw) || writePermissions(job.permissions).length > 0 || job.raw.environment,
  );

  it('every action a job with a secret, an environment or a write permission uses is pinned by full commit SHA', () => {
    expect(privileged.map(label)).toEqual(
      expect.arrayContaining([
        'deploy.yml#deploy',
        'deploy.yml#history',
        'evaluate.yml#history',
        'evaluate.yml#judge',
        'evaluate-comment.yml#comment',
        'preview.yml#deploy-preview',
        'summarize.yml#summarize',
      ]),
    );
    for (const entry of privileged) {
      for (const step of entry.job.steps.filter((s) => s.uses && !s.uses.startsWith('./'))) {
        expect(step.uses, label(entry)).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        // The tag it was, in a comment on the same line, for people and update bots.
        const lines = workflowTexts.get(entry.workflow.file)?.split('\n') ?? [];
        const line = lines.find((l) => l.includes(`uses: ${step.uses ?? ''}`)) ?? '';
        expect(line, label(entry)).toMatch(/ # v\d+(\.\d+)*$/);
      }
    }
  });

  it('one action, one commit: the same action is pinned to the same SHA everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const [, content] of workflowTexts) {
      for (const match of content.matchAll(/uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40})/g)) {
        const [, action = '', sha = ''] = match;
        pins.set(action, (pins.get(action) ?? new Set()).add(sha));
      }
    }
    expect(pins.size).toBeGreaterThanOrEqual(3);
    for (const [action, shas] of pins) expect([...shas], action).toHaveLength(1);
  });
});
