/**
 * Security invariants of every workflow in .github/workflows, read as a reviewer would:
 * - a job that runs PR code (checks out the PR's commit, or starts space/app.py on a PR) holds no secret and no
 *   write permission, so nothing it runs can steal or use one (a job shares its token, secrets and machine);
 * - write permissions that post comments exist only in jobs that run the comment action;
 * - untrusted artifacts are downloaded under runner.temp, never into the workspace beside the actions;
 * - evaluate.yml's path filter keeps space/README.md (the Space's runtime versions) and drops docs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { patternToRegExp, selectedBy, triggersWorkflow } from './path-filter';
import type { PathFilter } from './path-filter';

const WORKFLOWS_DIR = new URL('../../../.github/workflows/', import.meta.url);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Step {
  uses?: string;
  run?: string;
  with?: Json;
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

const workflows = readdirSync(WORKFLOWS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => loadWorkflow(file, readFileSync(join(WORKFLOWS_DIR.pathname, file), 'utf8')));

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
const TRUSTED_REF =
  /^\$\{\{\s*github\.event\.(pull_request\.base\.(sha|ref)|repository\.default_branch)\s*\}\}$/;

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
