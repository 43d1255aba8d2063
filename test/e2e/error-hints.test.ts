/**
 * The same library errors, told by two entries in their own words: the CLI names its flags, the evaluate action
 * its inputs and defaults. Neither borrows the other's wording.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../emulators/github';
import { pushToMain, sameRepoPullRequest } from '../fixtures/github/events';
import type { GitHubEmulator } from '../emulators/github';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator } from '../emulators/gradio';
import { startWebEmulator } from '../emulators/web';
import type { WebEmulator } from '../emulators/web';
import { runCli } from '../harness/cli';
import { runAction } from '../harness/run-action';

let web: WebEmulator;
let space: GradioEmulator;
let github: GitHubEmulator;
let workspace: string;

beforeAll(async () => {
  [web, space, github] = await Promise.all([
    startWebEmulator(),
    startGradioEmulator(),
    startGitHubEmulator(),
  ]);
  workspace = await mkdtemp(join(tmpdir(), 'sumops-e2e-hints-'));
  await mkdir(join(workspace, 'test/eval'), { recursive: true });
  await writeFile(
    join(workspace, 'test/eval/slow.jsonl'),
    `${JSON.stringify({ id: 'slow-page', url: `${web.url}/slow-body`, reference: 'A slow page.' })}\n`,
  );
});
afterAll(async () => {
  await Promise.all([
    web.close(),
    space.close(),
    github.close(),
    rm(workspace, { recursive: true, force: true }),
  ]);
});

const errorsOf = (run: { annotations: { level: string; message: string }[] }) =>
  run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('a fetch timeout', () => {
  it('the CLI says --timeout', async () => {
    const { code, stderr } = await runCli(['extract', '--timeout', '400', `${web.url}/slow-body`]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `sumops: ${web.url}/slow-body: the download took longer than 400 ms; raise --timeout above 400 to wait longer\n`,
    );
  });

  it('the evaluate action says its fetch-timeout input, and never --timeout', async () => {
    const run = await runAction('evaluate', {
      inputs: {
        provider: 'space',
        space: space.url,
        fixtures: 'test/eval/slow.jsonl',
        'fetch-timeout': '400',
        comment: 'false',
        'out-dir': 'out/slow',
      },
      event: pushToMain(),
      cwd: workspace,
      apiUrl: github.url,
    });
    expect(run.exitCode).toBe(1);
    const scores = JSON.parse(await readFile(run.outputs['scores-path'] ?? '', 'utf8')) as {
      cases: { id: string; error?: string }[];
    };
    expect(scores.cases[0]?.error).toBe(
      `fetching ${web.url}/slow-body took longer than 400 ms; raise the fetch-timeout input (milliseconds, default 30000) to wait longer.`,
    );
    expect(run.summary).toContain('raise the fetch-timeout input');
    expect(`${run.summary}\n${run.stdout}`).not.toMatch(/--timeout/);
  });
});

describe('no fixture files', () => {
  it('the CLI says --fixtures (exit 2)', async () => {
    const { code, stderr } = await runCli(['eval', '--fixtures', 'nothing/*.jsonl']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sumops eval: no fixture files match "nothing/*.jsonl"; fixture files are .jsonl or .yaml; pass --fixtures with globs that match some\n',
    );
  });

  it("the evaluate action says its fixtures input and the action's default, not the CLI's", async () => {
    const run = await runAction('evaluate', {
      inputs: { provider: 'embedded', fixtures: 'nothing/*.jsonl', comment: 'false' },
      event: pushToMain(),
      cwd: workspace,
    });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      'no fixture files match "nothing/*.jsonl"; fixture files are .jsonl or .yaml; set the fixtures input; ' +
        'its default is test/eval/*.{jsonl,yaml,yml}, relative to the workspace.',
    ]);
  });
});

describe('a bad threshold', () => {
  it('the CLI points at --threshold', async () => {
    const { code, stderr } = await runCli(['eval', '--threshold', 'rouge1=2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^sumops eval: invalid threshold "rouge1=2": 2 is not in \[0, 1\].*; check --threshold\n$/,
    );
  });

  it('the evaluate action names the thresholds input, with the library reason and no regex surgery', async () => {
    const run = await runAction('evaluate', {
      inputs: { provider: 'embedded', thresholds: 'rouge1=0.2, rouge1=2', comment: 'false' },
      event: pushToMain(),
      cwd: workspace,
    });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      'Input "thresholds" is "rouge1=2": 2 is not in [0, 1] (ROUGE 30 points is 0.30); expected METRIC=VALUE ' +
        'with METRIC one of rouge1, rouge2, rougeL, rougeLsum, faithfulness, judge-faithfulness, judge-coverage, ' +
        'judge-coherence and VALUE a fraction in [0, 1], ' +
        'e.g. rouge1=0.30 or faithfulness=0.9.',
    ]);
  });

  it('a bad Space names the space input', async () => {
    const run = await runAction('evaluate', {
      inputs: { provider: 'space', space: 'not a space', comment: 'false' },
      event: pushToMain(),
      cwd: workspace,
    });
    expect(errorsOf(run)).toEqual([
      'Input "space" is "not a space": expected owner/name or an http(s) URL, e.g. my-org/sumops or http://127.0.0.1:7860.',
    ]);
  });
});

describe('a rejected GitHub token', () => {
  it('the evaluate action says 401 means the token, and names its github-token input', async () => {
    await writeFile(
      join(workspace, 'test/eval/one.jsonl'),
      `${JSON.stringify({ id: 'one', text: 'Solar panels were installed on the school roof this spring. They power the library.', reference: 'Solar panels power the library.' })}\n`,
    );
    const commented = await runAction('evaluate', {
      inputs: {
        provider: 'space',
        space: space.url,
        fixtures: 'test/eval/one.jsonl',
        comment: 'true',
        'out-dir': 'out/401',
      },
      event: sameRepoPullRequest(),
      cwd: workspace,
      apiUrl: github.url,
      githubToken: 'ghs_revoked',
    });
    expect(commented.exitCode).toBe(1);
    const [message] = errorsOf(commented);
    expect(message).toMatch(
      /failed with 401 "Bad credentials"; the token is missing, expired or revoked; check the github-token input \(by default the job's GITHUB_TOKEN\)\.$/,
    );
    expect(message).not.toMatch(/later/);
  });
});
