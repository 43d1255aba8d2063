import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SENTENCE, startWebEmulator } from '../emulators/web';
import type { WebEmulator } from '../emulators/web';
import { SOLAR_SAIL_LEAD, startWikipediaEmulator } from '../emulators/wikipedia';
import type { WikipediaEmulator } from '../emulators/wikipedia';
import { runCli as runHarnessCli } from '../harness/cli';

const runCli = (args: string[], env: Record<string, string> = {}, stdin?: string) =>
  runHarnessCli(args, stdin === undefined ? { env } : { env, stdin });

let web: WebEmulator;
let wiki: WikipediaEmulator;
beforeAll(async () => {
  [web, wiki] = await Promise.all([startWebEmulator(), startWikipediaEmulator()]);
});
afterAll(async () => {
  await Promise.all([web.close(), wiki.close()]);
});

describe('sumops extract', () => {
  it('prints one JSON Document per source, in order, from URL, file, captions, Wikipedia and stdin', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'extract',
        '--json',
        `${web.url}/article`,
        'examples/solar-sail.html',
        'examples/talk.vtt',
        'wiki:Solar_sail',
        '-',
      ],
      { SUMOPS_WIKIPEDIA_URL: wiki.baseUrl },
      'Piped text from stdin.',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const docs = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(docs.map((d) => [d.source, d.kind])).toEqual([
      [`${web.url}/article`, 'url'],
      ['examples/solar-sail.html', 'html-file'],
      ['examples/talk.vtt', 'captions'],
      ['wiki:Solar_sail', 'wikipedia'],
      ['-', 'stdin'],
    ]);
    expect(docs[0]?.text).toContain(ARTICLE_SENTENCE);
    expect(docs[1]).toMatchObject({
      siteName: 'Orbital Notes',
      byline: 'Maren Holt',
      publishedAt: '2026-03-14T09:30:00.000Z',
    });
    expect(docs[3]?.text).toMatch(new RegExp(`^${SOLAR_SAIL_LEAD}`));
    expect(docs[4]?.text).toBe('Piped text from stdin.');
    expect(docs.every((d) => typeof d.wordCount === 'number' && d.wordCount > 0)).toBe(true);
  });

  it('prints plain text with a header per source when given several', async () => {
    const { code, stdout } = await runCli(['extract', `${web.url}/article`, `${web.url}/second`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^==> ${web.url}/article <==\\nIn 1890 a keeper arrived\\.`));
    expect(stdout).toContain(`\n\n==> ${web.url}/second <==\nAnother keeper followed.`);
  });

  it('prints just the text for a single source', async () => {
    const { stdout } = await runCli(['extract', 'examples/transcribe.json']);
    expect(stdout).toMatch(/^Thanks for joining the morning briefing\..*Third Avenue\.\n$/s);
  });

  it('shows help with examples, and exits 2 on usage errors naming the flag', async () => {
    const help = await runCli(['extract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const bad = await runCli(['extract', '--concurrency', '0', 'x.html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency must be an integer from 1 to 32, got "0"/);
    const unknown = await runCli(['extract', '--frobnicate', 'x.html']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/frobnicate/);
    expect((await runCli(['extract'])).code).toBe(2);
  });
});
