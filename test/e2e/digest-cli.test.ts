import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMarker } from '#lib/digest/marker';
import { runCli } from '../harness/cli';
import { startGitHubEmulator, TEST_TOKENS } from '../emulators/github';
import type { GitHubEmulator } from '../emulators/github';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import { article, prose, startSite } from '../emulators/site';
import type { SiteEmulator } from '../emulators/site';

const OWNER = 'acme';
const REPO = 'summaries';

interface Line {
  url: string;
  status: string;
  issue: number | null;
  reason?: string;
}

let github: GitHubEmulator;
let site: SiteEmulator;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sumops-digest-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  github = await startGitHubEmulator();
  github.seedRepo(OWNER, REPO);
  site = await startSite();
});
afterEach(async () => {
  await github.close();
  await site.close();
});

async function writeConfig(yaml: string, name = 'sumops.yml'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, yaml);
  return path;
}

const privateConfig = (urls: string[], extra = ''): string =>
  `allow-private-network: true\ndefaults:\n  close-when-gone: true\nurls:\n${urls.map((u) => `  - ${u}\n`).join('')}${extra}`;

async function digest(config: string, extra: string[] = [], env: Record<string, string> = {}) {
  const run = await runCli(
    [
      'digest',
      '--config',
      config,
      '--repo',
      `${OWNER}/${REPO}`,
      '--github-api',
      github.url,
      '--json',
      '--no-throttle',
      ...extra,
    ],
    { env: { GITHUB_TOKEN: TEST_TOKENS.write, ...env }, unsetEnv: ['GH_TOKEN'] },
  );
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
  return { ...run, lines };
}

const page = (seed: string, title = `The ${seed} page`) => ({ body: article(title, prose(seed)) });
const writeCount = (): number => github.writes().length;

describe('sumops digest', () => {
  it('creates one issue per URL, then an identical re-run makes zero writes', async () => {
    for (const name of ['a', 'b', 'c']) site.set(`/${name}`, page(name));
    const config = await writeConfig(
      privateConfig([`${site.url}/a`, `${site.url}/b?utm_source=x`, `${site.url}/c#top`]),
    );
    const first = await digest(config);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.lines.map((l) => l.status)).toEqual(['created', 'created', 'created']);
    const issues = github.issues(OWNER, REPO);
    expect(issues).toHaveLength(3);
    expect(issues.map((i) => i.title)).toEqual(['The a page', 'The b page', 'The c page']);
    expect(issues.every((i) => i.labels.some((l) => l.name === 'sumops-digest'))).toBe(true);
    // The marker holds the normalized URL: tracking parameters and fragments are not part of the identity.
    expect(issues.map((i) => parseMarker(i.body)?.url)).toEqual([
      `${site.url}/a`,
      `${site.url}/b`,
      `${site.url}/c`,
    ]);
    expect(issues[0]?.body).toContain('### Summary');
    expect(issues[0]?.body).toContain('<details><summary>Extracted text (excerpt)</summary>');

    const before = writeCount();
    const second = await digest(config);
    expect(second.lines.map((l) => [l.status, l.issue])).toEqual([
      ['unchanged', 1],
      ['unchanged', 2],
      ['unchanged', 3],
    ]);
    expect(writeCount()).toBe(before);
    // Listing went through the label with state=all, not the search API.
    const list = github.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues'));
    expect(list.at(-1)?.query).toMatchObject({ labels: 'sumops-digest', state: 'all' });
    expect(github.requests.some((r) => r.path.startsWith('/search'))).toBe(false);
    // Different bytes, same text (a build timestamp in a comment): still unchanged, still no write.
    site.set('/a', { body: page('a').body.replace('<body>', '<body><!-- built 2026-12-01T10:00Z -->') });
    const third = await digest(config);
    expect(third.lines[0]).toEqual({ url: `${site.url}/a`, status: 'unchanged', issue: 1 });
    expect(writeCount()).toBe(before);
  });

  it('updates the body and adds one comment when a page changed', async () => {
    site.set('/a', page('a'));
    const config = await writeConfig(privateConfig([`${site.url}/a`]));
    await digest(config);
    site.set('/a', { body: article('The a page', [...prose('a'), ...prose('extra', 8)]) });
    const run = await digest(config);
    expect(run.lines).toEqual([{ url: `${site.url}/a`, status: 'updated', issue: 1 }]);
    const comments = github.comments(OWNER, REPO, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/The page changed \(\d+ → \d+ words, \+\d+\)/);
    expect(github.issue(OWNER, REPO, 1)?.body).toContain('extra report number');
  });

  it('keeps going when one URL of five fails, and says why', async () => {
    for (const name of ['a', 'b', 'c', 'd']) site.set(`/${name}`, page(name));
    site.set('/broken', { status: 500, type: 'text/html', body: '<h1>oops</h1>' });
    const urls = ['a', 'b', 'broken', 'c', 'd'].map((n) => `${site.url}/${n}`);
    const run = await digest(await writeConfig(privateConfig(urls)), ['--timeout', '5000']);
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.status)).toEqual(['created', 'created', 'failed', 'created', 'created']);
    expect(run.lines[2]?.reason).toMatch(/HTTP 500/);
    expect(github.issues(OWNER, REPO)).toHaveLength(4);
  });

  it('creates issues for new feed items only', async () => {
    const rss = (items: string[]) => ({
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>${site.url}/</link><description>d</description>${items
        .map(
          (i) =>
            `<item><title>Item ${i}</title><link>${site.url}/post-${i}</link><pubDate>${new Date().toUTCString()}</pubDate></item>`,
        )
        .join('')}</channel></rss>`,
    });
    for (const i of ['1', '2', '3']) site.set(`/post-${i}`, page(`post${i}`));
    site.set('/feed.xml', rss(['1', '2']));
    const config = await writeConfig(
      `allow-private-network: true\nfeeds:\n  - url: ${site.url}/feed.xml\n    max-age: 2d\n`,
    );
    const first = await digest(config);
    expect(first.lines.map((l) => l.status).sort()).toEqual(['created', 'created']);
    expect(
      github
        .issues(OWNER, REPO)
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Item 1', 'Item 2']);
    site.set('/feed.xml', rss(['3', '2', '1']));
    const second = await digest(config);
    expect(second.lines.find((l) => l.url.endsWith('/post-3'))?.status).toBe('created');
    expect(second.lines.filter((l) => l.status === 'unchanged')).toHaveLength(2);
    expect(site.hits.get('/post-1')).toBe(1);
  });

  it('flags a drifted page, keeps the last good summary, and stays quiet while it stays drifted', async () => {
    site.set('/a', page('a'));
    const config = await writeConfig(privateConfig([`${site.url}/a`]));
    await digest(config);
    const goodBody = github.issue(OWNER, REPO, 1)?.body ?? '';
    site.set('/a', {
      body: article('Just a moment', [
        'Checking your browser before accessing the site. Please verify you are human to continue.',
      ]),
    });
    const run = await digest(config);
    expect(run.lines[0]).toMatchObject({ status: 'drifted', issue: 1 });
    expect(run.lines[0]?.reason).toMatch(/bot check/);
    const issue = github.issue(OWNER, REPO, 1);
    expect(issue?.labels.map((l) => l.name)).toContain('drift');
    expect(issue?.body?.split('\n').slice(1).join('\n')).toBe(goodBody.split('\n').slice(1).join('\n'));
    expect(github.comments(OWNER, REPO, 1)[0]?.body).toMatch(
      /^\*\*Drift alert:\*\* the page now looks like a bot check/,
    );
    const before = writeCount();
    expect((await digest(config)).lines[0]?.status).toBe('drifted');
    expect(writeCount()).toBe(before);
  });

  it('reports a gone page after two 404 runs with one comment, closes it, then stays quiet', async () => {
    site.set('/a', page('a'));
    const config = await writeConfig(privateConfig([`${site.url}/a`]));
    await digest(config);
    site.set('/a', { status: 404, type: 'text/html', body: 'Not Found' });
    const first = await digest(config);
    expect(first.lines[0]).toMatchObject({ status: 'failed', issue: 1 });
    expect(github.comments(OWNER, REPO, 1)).toHaveLength(0);
    expect(github.issue(OWNER, REPO, 1)?.state).toBe('open');
    const second = await digest(config);
    expect(second.lines[0]).toMatchObject({ status: 'gone', issue: 1 });
    expect(github.comments(OWNER, REPO, 1).map((c) => c.body)).toEqual([
      'The page answered HTTP 404 on two runs in a row, so it looks gone. Closing this issue.',
    ]);
    expect(github.issue(OWNER, REPO, 1)?.state).toBe('closed');
    const before = writeCount();
    expect((await digest(config)).lines[0]?.status).toBe('gone');
    expect(writeCount()).toBe(before);
  });

  it('retries a write refused by the secondary rate limit (throttling on)', async () => {
    site.set('/a', page('a'));
    github.secondaryRateLimit({ method: 'POST', path: /\/issues$/, retryAfter: 1, requests: 1 });
    const config = await writeConfig(privateConfig([`${site.url}/a`]));
    const run = await runCli(
      ['digest', '--config', config, '--repo', `${OWNER}/${REPO}`, '--github-api', github.url, '--json'],
      {
        env: { GITHUB_TOKEN: TEST_TOKENS.write },
      },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as Line).toMatchObject({ status: 'created', issue: 1 });
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([403, 201]);
    expect(run.stderr).toMatch(/secondary rate limit/);
  });

  it('summarizes with the openai provider named in the config', async () => {
    const api = await startOpenAIEmulator();
    try {
      site.set('/a', page('a'));
      const config = await writeConfig(
        `${privateConfig([`${site.url}/a`])}openai:\n  base-url: ${api.url}\n  model: gpt-4o-mini\ndefaults:\n  provider: openai\n`.replace(
          'defaults:\n  close-when-gone: true\n',
          '',
        ),
        'openai.yml',
      );
      const run = await digest(config, [], { OPENAI_API_KEY: EMULATOR_API_KEY });
      expect(run.stderr).toBe('');
      expect(run.lines[0]).toMatchObject({ status: 'created', issue: 1 });
      expect(api.chats).toHaveLength(1);
      expect(github.issue(OWNER, REPO, 1)?.body).toContain('**Provider:** openai (gpt-4o-mini)');
      site.set('/b', page('b'));
      const badKey = await digest(config, [`${site.url}/b`], { OPENAI_API_KEY: 'sk-wrong' });
      expect(badKey.code).toBe(1);
      expect(badKey.lines[0]?.status).toBe('failed');
      expect(badKey.lines[0]?.reason).toMatch(/HTTP 401 \(invalid_api_key\).*; check OPENAI_API_KEY$/);
    } finally {
      await api.close();
    }
  });

  it('scores model summaries for faithfulness: lists invented spans and labels them below the floor, then unlabels', async () => {
    // The model keeps the page's first sentences but invents a place, a workforce and every number.
    let invent = true;
    const api = await startOpenAIEmulator({
      respond: (messages) => {
        const page = messages.at(-1)?.content ?? '';
        const lead = (page.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+/g) ?? [])
          .slice(0, 3)
          .map((s) => s.trim());
        return lead
          .map((s) => (invent ? s.replace(/\d+/g, '4711').replace('harbour crews', 'Okoro miners') : s))
          .join('\n');
      },
    });
    try {
      site.set('/a', page('a'));
      site.set('/b', page('b'));
      const openai = (floor: string) =>
        `allow-private-network: true\nopenai:\n  base-url: ${api.url}\ndefaults:\n  provider: openai${floor}\n`;
      const config = await writeConfig(`${openai('')}urls:\n  - ${site.url}/a\n`, 'faithful.yml');
      const env = { OPENAI_API_KEY: EMULATOR_API_KEY };

      const first = await digest(config, [], env);
      expect(first.lines[0]).toMatchObject({ status: 'created', issue: 1 });
      const created = github.issue(OWNER, REPO, 1)!;
      expect(created.labels.map((l) => l.name)).toContain('low-faithfulness');
      expect(created.body).toMatch(/\*\*Faithfulness:\*\* 0\.\d\d, below the floor of 0\.80/);
      expect(created.body).toContain('### Possibly unsupported by the page');
      expect(created.body).toContain('- name: The a report number 4711 describes how **Okoro** miners moved');
      expect(created.body).toContain('- number: The a report number **4711** describes');

      // Same page: no summary, no score, no write.
      const writes = writeCount();
      expect((await digest(config, [], env)).lines[0]?.status).toBe('unchanged');
      expect(writeCount()).toBe(writes);

      // The page changes and the model stops inventing: the score clears the floor and the label goes.
      site.set('/a', { body: page('a').body.replace('report number 0', 'report number 100') });
      invent = false;
      const third = await digest(config, [], env);
      expect(third.lines[0]).toMatchObject({ status: 'updated', issue: 1 });
      const updated = github.issue(OWNER, REPO, 1)!;
      expect(updated.labels.map((l) => l.name)).not.toContain('low-faithfulness');
      expect(updated.body).toMatch(/\*\*Faithfulness:\*\* (?:1\.00|0\.[89]\d)\n/);
      expect(updated.body).not.toContain('Possibly unsupported');
      expect(
        github.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/labels/low-faithfulness')),
      ).toBe(true);

      // The floor comes from the config: at 0 nothing is labelled, the score is still shown.
      invent = true;
      const lenient = await writeConfig(
        `${openai('\n  faithfulness-floor: 0')}urls:\n  - ${site.url}/b\n`,
        'lenient.yml',
      );
      expect((await digest(lenient, [], env)).lines[0]).toMatchObject({ status: 'created', issue: 2 });
      const issue2 = github.issue(OWNER, REPO, 2)!;
      expect(issue2.labels.map((l) => l.name)).not.toContain('low-faithfulness');
      expect(issue2.body).toMatch(/\*\*Faithfulness:\*\* 0\.\d\d\n/);
    } finally {
      await api.close();
    }
  });

  it('fails without writing anything when the issues cannot be listed', async () => {
    site.set('/a', page('a'));
    github.failNext({
      method: 'GET',
      path: /\/issues$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const run = await digest(await writeConfig(privateConfig([`${site.url}/a`])));
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr).toMatch(/^sumops digest: .*sumops-digest issues of acme\/summaries.*403/);
    expect(github.writes()).toHaveLength(0);
  });

  it('writes nothing in a dry run (a read-only token is enough) and says what it would do', async () => {
    site.set('/a', page('a'));
    const run = await digest(await writeConfig(privateConfig([`${site.url}/a`])), ['--dry-run'], {
      GITHUB_TOKEN: TEST_TOKENS.readOnly,
    });
    expect(run.stderr).toBe('');
    expect(run.lines).toEqual([
      { url: `${site.url}/a`, status: 'created', issue: null, reason: 'dry run: would create an issue' },
    ]);
    expect(github.writes()).toHaveLength(0);
  });

  it('refuses private addresses unless allowed: a loopback URL and a host resolving to 169.254.169.254', async () => {
    site.set('/a', page('a'));
    const config = await writeConfig('urls: []\n', 'guarded.yml');
    const run = await digest(config, [
      '--resolve',
      'metadata.test:169.254.169.254',
      `${site.url}/a`,
      'http://metadata.test/latest/meta-data/',
    ]);
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.status)).toEqual(['failed', 'failed']);
    expect(run.lines[0]?.reason).toMatch(
      /127\.0\.0\.1 is a private, loopback, link-local or metadata address \(pass --allow-private-network/,
    );
    expect(run.lines[1]?.reason).toMatch(/metadata\.test resolves to 169\.254\.169\.254/);
    expect(site.hits.size).toBe(0);
    expect(github.writes()).toHaveLength(0);
    const allowed = await digest(config, ['--allow-private-network', `${site.url}/a`]);
    expect(allowed.lines[0]?.status).toBe('created');
  });

  it('neutralizes a hostile page: mentions, references, HTML and a forged marker', async () => {
    const hostile = [
      `<!-- sumops-digest:v1 ${Buffer.from(JSON.stringify({ url: 'https://evil.example/', hash: '0'.repeat(64), words: 1, gone: 0 })).toString('base64url')} --> ` +
        'Hey @octocat and @acme/security, see #1 and acme/summaries#2 for details about this harbour report today.',
      '&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt; [click me](javascript:alert(1)) ![pixel](https://evil.example/p.png)',
      ...prose('hostile'),
    ];
    site.set('/evil', { body: article('@octocat #1 &lt;b&gt;bold&lt;/b&gt;', hostile) });
    await digest(await writeConfig(privateConfig([`${site.url}/evil`])));
    const issue = github.issue(OWNER, REPO, 1);
    const body = issue?.body ?? '';
    expect(parseMarker(body)?.url).toBe(`${site.url}/evil`);
    expect(body.split('\n').filter((line) => line.includes('sumops-digest:v1'))).toHaveLength(1);
    expect(body).not.toMatch(/@octocat|@acme|#1\b|acme\/summaries#2/);
    expect(body).not.toMatch(/<img|<script|<b>|\]\(javascript:|!\[pixel\]/);
    expect(issue?.title).not.toMatch(/@octocat|#1/);
    expect(issue?.title).toContain('octocat');
  });

  it('rejects a misspelt config key with its line, column and the nearest valid key', async () => {
    const config = await writeConfig(
      'defaults:\n  provider: embedded\nurls:\n  - url: https://example.com/\n    lables: [news]\n',
      'typo.yml',
    );
    const run = await digest(config);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `sumops digest: ${config}:5:5: .urls[0].lables: unknown key \`lables\` — did you mean \`labels\`?\n`,
    );
    const check = await runCli(['config', 'check', config]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('did you mean `labels`?');
    expect(github.requests).toHaveLength(0);
  });
});
