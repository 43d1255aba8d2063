/**
 * The `history` jobs of evaluate.yml and deploy.yml: the only jobs there with a write token. Their privileges are
 * checked statically, and their scripts run with bash against a local bare repository standing in for the GitHub
 * remote (file:// URL), as the runner would run them, both writers into the same branch.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseHistory } from '#lib/history/index';

type Job = {
  if?: string;
  needs?: unknown;
  permissions?: unknown;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
};
const readWorkflow = (file: string) =>
  parse(readFileSync(new URL(`../../../.github/workflows/${file}`, import.meta.url), 'utf8')) as {
    jobs: Record<string, Job>;
  };
const workflow = readWorkflow('evaluate.yml');
const job = workflow.jobs.history;
const script = job?.steps.find((s) => s.run)?.run ?? '';
const deployWorkflow = readWorkflow('deploy.yml');
const deployJob = deployWorkflow.jobs.history;
const deployScript = deployJob?.steps.find((s) => s.run)?.run ?? '';
const exec = promisify(execFile);
/** actions/download-artifact v7.0.0, pinned by commit (github.com/actions/download-artifact/releases/tag/v7.0.0). */
const DOWNLOAD_ARTIFACT = 'actions/download-artifact@37930b1c2abaa49bbe596cd826c3c89aef350131';

describe('evaluate.yml#history', () => {
  it('writes only on pushes to main, with contents: write alone, running no repository code', () => {
    expect(job?.if).toBe(
      "${{ !cancelled() && needs.merge.result == 'success' && github.event_name == 'push' && github.ref == 'refs/heads/main' }}",
    );
    // After the judge when it ran (its record carries the judge's metrics), the merge's record otherwise.
    expect(job?.needs).toEqual(['merge', 'judge']);
    expect(job?.steps.slice(0, 2).map((s) => s.with?.name)).toEqual([
      'history-record-judged',
      'history-record',
    ]);
    expect(job?.permissions).toEqual({ contents: 'write' });
    // No concurrency group: GitHub keeps one pending job per group and cancels it for a third writer, dropping
    // a record; the script's fetch-append-push loop is what serializes the writers.
    expect(job?.concurrency).toBeUndefined();
    expect(job?.steps.map((s) => s.uses ?? 'run')).toEqual([DOWNLOAD_ARTIFACT, DOWNLOAD_ARTIFACT, 'run']);
    expect(JSON.stringify(job)).not.toMatch(/secrets\./);
    const writers = Object.entries(workflow.jobs).filter(([, j]) =>
      JSON.stringify(j.permissions ?? {}).includes('write'),
    );
    expect(writers.map(([name]) => name)).toEqual(['history']);
  });

  it('creates the branch with the first record, then appends each later one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sumops-history-job-'));
    await exec('git', ['init', '-q', '--bare', join(dir, 'acme/summaries.git')]);
    const record = (sha: string) =>
      `${JSON.stringify({ version: 1, kind: 'evaluation', date: '2026-12-01T09:00:00.000Z', gitSha: sha, model: 'm', provider: 'space', fixtureSet: 'sha256:f', cases: 3, aggregate: { rouge1: { mean: 0.3, low: 0.2, high: 0.4 } } })}\n`;
    const runs: [string, string][] = [
      ['a1', script],
      ['b2', script],
      ['c3', deployScript],
    ];
    for (const [sha, jobScript] of runs) {
      const temp = await mkdtemp(join(dir, 'runner-'));
      await mkdir(join(temp, 'history-record'));
      await writeFile(join(temp, 'history-record/history-record.jsonl'), record(sha));
      const { stdout } = await exec('bash', ['-e', '-c', jobScript], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          RUNNER_TEMP: temp,
          GH_TOKEN: 'ghs_test',
          BRANCH: 'sumops-history',
          GITHUB_SERVER_URL: `file://${dir}`,
          GITHUB_REPOSITORY: 'acme/summaries',
          GITHUB_SHA: sha,
        },
      });
      // The base64 of the token is a secret of its own: masked before it is used.
      const encoded = Buffer.from('x-access-token:ghs_test').toString('base64');
      expect(stdout.split('\n')[0]).toBe(`::add-mask::${encoded}`);
    }
    const { stdout } = await exec('git', [
      '--git-dir',
      join(dir, 'acme/summaries.git'),
      'show',
      'sumops-history:history.jsonl',
    ]);
    const history = parseHistory(stdout);
    expect(history.skipped).toEqual([]);
    expect(history.records.map((r) => r.gitSha)).toEqual(['a1', 'b2', 'c3']);
    const log = await exec('git', [
      '--git-dir',
      join(dir, 'acme/summaries.git'),
      'log',
      '--format=%s',
      'sumops-history',
    ]);
    expect(log.stdout.trim().split('\n')).toEqual([
      'history: deploy of c3',
      'history: evaluation of b2',
      'history: evaluation of a1',
    ]);
    const files = await exec('git', [
      '--git-dir',
      join(dir, 'acme/summaries.git'),
      'ls-tree',
      '--name-only',
      'sumops-history',
    ]);
    expect(files.stdout.trim()).toBe('history.jsonl');
  });
});

describe('deploy.yml#history', () => {
  it('writes only after a successful deploy, with contents: write alone, no concurrency group, running no code', () => {
    expect(deployJob?.needs).toBe('deploy');
    expect(deployJob?.if).toBe("needs.deploy.result == 'success'");
    expect(deployJob?.permissions).toEqual({ contents: 'write' });
    expect(deployJob?.concurrency).toBeUndefined();
    expect(deployJob?.steps.map((s) => s.uses ?? 'run')).toEqual([DOWNLOAD_ARTIFACT, 'run']);
    expect(JSON.stringify(deployJob)).not.toMatch(/secrets\./);
  });

  it("runs evaluate's script, differing only in the commit subject (the copy cannot drift)", () => {
    expect(deployScript.replace('history: deploy of', 'history: evaluation of')).toBe(script);
  });
});
