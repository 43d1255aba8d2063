import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action';
import { startGitHubEmulator, TEST_TOKENS } from '../emulators/github';
import type { GitHubEmulator } from '../emulators/github';
import { article, prose, startSite } from '../emulators/site';
import type { SiteEmulator } from '../emulators/site';

let github: GitHubEmulator;
let site: SiteEmulator;
let workspace: string;

beforeEach(async () => {
  github = await startGitHubEmulator();
  github.seedRepo('acme', 'summaries');
  site = await startSite();
  workspace = await mkdtemp(join(tmpdir(), 'sumops-summarize-urls-'));
});
afterEach(async () => {
  await github.close();
  await site.close();
  await rm(workspace, { recursive: true, force: true });
});

async function writeConfig(yaml: string): Promise<void> {
  await mkdir(join(workspace, '.github'), { recursive: true });
  await writeFile(join(workspace, '.github/sumops.yml'), yaml);
}

const action = (inputs: Record<string, string> = {}) =>
  runAction('summarize-urls', {
    cwd: workspace,
    apiUrl: github.url,
    githubToken: TEST_TOKENS.write,
    inputs: { throttle: 'false', ...inputs },
  });

describe('actions/summarize-urls', () => {
  it('creates issues on the first run, writes nothing on an identical second run, and lists each URL', async () => {
    site.set('/a', { body: article('Harbour news', prose('a')) });
    site.set('/b', { body: article('Coast news', prose('b')) });
    await writeConfig(
      `allow-private-network: true\ndefaults:\n  labels: [news]\nurls:\n  - ${site.url}/a\n  - url: ${site.url}/b\n    title: Coastline digest\n`,
    );
    const first = await action();
    expect(first.exitCode).toBe(0);
    expect(first.outputs.created).toBe('2');
    expect(
      github.issues('acme', 'summaries').map((i) => [i.title, i.labels.map((l) => l.name).sort()]),
    ).toEqual([
      ['Harbour news', ['news', 'sumops-digest']],
      ['Coastline digest', ['news', 'sumops-digest']],
    ]);
    expect(first.summary).toContain(
      `| ${site.url}/a | created | [#1](https://github.com/acme/summaries/issues/1) |  |`,
    );
    const writes = github.writes().length;
    const second = await action();
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.outputs.results ?? '[]')).toEqual([
      { url: `${site.url}/a`, status: 'unchanged', issue: 1 },
      { url: `${site.url}/b`, status: 'unchanged', issue: 2 },
    ]);
    expect(github.writes()).toHaveLength(writes);
    expect(second.summary).toContain('2 URLs: 2 unchanged.');
  });

  it('summarizes dispatched URLs without a config file; dry-run writes nothing and says so in the summary', async () => {
    site.set('/a', { body: article('Harbour news', prose('a')) });
    // No config, so the SSRF guard is on: the loopback URL is refused, and that is the only URL, so the step fails.
    const guarded = await action({ urls: `${site.url}/a`, 'dry-run': 'true' });
    expect(guarded.exitCode).toBe(1);
    expect(guarded.summary).toContain('(dry run: nothing was written)');
    // Escaped for Markdown: the parentheses carry backslashes.
    expect(guarded.summary).toContain(
      '127.0.0.1 is a private, loopback, link-local or metadata address \\(set allow-private-network: true in the config',
    );
    expect(guarded.annotations.some((a) => a.level === 'error' && a.message === 'All 1 URLs failed.')).toBe(
      true,
    );
    expect(site.hits.size).toBe(0);

    await writeConfig('allow-private-network: true\n');
    const dry = await action({ urls: `${site.url}/a\n${site.url}/a?utm_medium=email`, 'dry-run': 'true' });
    expect(dry.exitCode).toBe(0);
    expect(JSON.parse(dry.outputs.results ?? '[]')).toEqual([
      { url: `${site.url}/a`, status: 'created', issue: null, reason: 'dry run: would create an issue' },
    ]);
    expect(github.writes()).toHaveLength(0);
    // The dispatched URL's summary is in the job summary itself.
    expect(dry.summary).toContain('### Summaries');
    expect(dry.summary).toMatch(
      /\*\*Harbour news\*\* \(http:\/\/127\.0\.0\.1:\d+\/a\)\n\nThe a report number \d+ describes/,
    );
  });

  it('fails with the config file, line and column of a misspelt key', async () => {
    await writeConfig('defaults:\n  lables: [x]\n');
    const run = await action();
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      '.github/sumops.yml:2:3: .defaults.lables: unknown key `lables` — did you mean `labels`?',
    );
    expect(github.requests).toHaveLength(0);
  });

  it('fails with the file, line and column of a faithfulness floor outside [0, 1]', async () => {
    await writeConfig('defaults:\n  provider: openai\n  faithfulness-floor: 80\n');
    const run = await action();
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      '.github/sumops.yml:3:23: .defaults.faithfulness-floor: Too big: expected number to be <=1',
    );
    expect(github.requests).toHaveLength(0);
  });

  it('retries a create refused by a secondary rate limit (throttling on)', async () => {
    site.set('/a', { body: article('Harbour news', prose('a')) });
    await writeConfig(`allow-private-network: true\nurls: [${site.url}/a]\n`);
    github.secondaryRateLimit({ method: 'POST', path: /\/issues$/, retryAfter: 1, requests: 1 });
    const run = await action({ throttle: 'true' });
    expect(run.exitCode).toBe(0);
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 201]);
    expect(run.annotations.some((a) => a.level === 'warning' && /secondary rate limit/.test(a.message))).toBe(
      true,
    );
  });
});
