import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebEmulator } from '../emulators/web';
import type { WebEmulator } from '../emulators/web';
import { runCli } from '../harness/cli';

let web: WebEmulator;
beforeAll(async () => {
  web = await startWebEmulator();
});
afterAll(() => web.close());

/** The stderr line for `source`: runSources prints `sumops: <source>: <cause>`. */
function lineFor(stderr: string, source: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith(`sumops: ${source}: `));
  if (!line) throw new Error(`no error line for ${source} in:\n${stderr}`);
  return line;
}

describe('sumops extract: bad sources', () => {
  it('reports each bad source on one line, names the cause, and still prints the good ones', async () => {
    const bad: Record<string, RegExp> = {
      [`${web.url}/not-found`]: /HTTP 404/,
      [`${web.url}/server-error`]: /HTTP 500/,
      [`${web.url}/loop-a`]: /redirect loop/,
      [`${web.url}/report.pdf`]: /unsupported content type "application\/pdf"/,
      [`${web.url}/empty`]: /empty/,
      [`${web.url}/app-shell`]: /no readable text \(the page may need JavaScript\)/,
      [`${web.url}/gzip-bomb`]: /larger than 1048576 bytes/,
      [`${web.url}/endless`]: /larger than 1048576 bytes/,
      [`${web.url}/slow-body`]: /longer than 4000 ms/,
      'ftp://example.org/file.txt': /unsupported scheme "ftp:"/,
      'javascript:alert(1)': /unsupported scheme "javascript:"/,
      'test/fixtures/ingest/missing.html': /no such file/,
      'test/fixtures/ingest': /^sumops: test\/fixtures\/ingest: a directory, not a file/,
      'test/fixtures/ingest/binary.txt': /binary file/,
      'http://no-such-host.invalid/':
        /^sumops: http:\/\/no-such-host\.invalid\/: cannot connect: .*\((ENOTFOUND|EAI_AGAIN)\)/,
    };
    const good = [`${web.url}/article`, `${web.url}/flaky?t=e2e`];
    const sources = [good[0] as string, ...Object.keys(bad), good[1] as string];
    const { code, stdout, stderr } = await runCli([
      'extract',
      '--json',
      '--max-bytes',
      '1M',
      // Long enough for /flaky's Retry-After of 1 s on a busy machine (the suite runs files side by side).
      '--timeout',
      '4000',
      ...sources,
    ]);
    expect(code).toBe(1);
    const printed = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { source: string }).source);
    expect(printed).toEqual(good);
    for (const [source, cause] of Object.entries(bad)) expect(lineFor(stderr, source)).toMatch(cause);
    expect(stderr.trim().split('\n')).toHaveLength(Object.keys(bad).length);
  });

  it('warns about an unknown charset on stderr and still succeeds', async () => {
    const { code, stdout, stderr } = await runCli(['extract', `${web.url}/unknown-charset`]);
    expect(code).toBe(0);
    expect(stdout).toContain('Déjà vu in UTF-8.');
    expect(stderr).toMatch(/^sumops: warning: .*unknown charset "x-klingon", decoding as UTF-8\n$/);
  });

  it('prints a stack trace only with --debug', async () => {
    const plain = await runCli(['extract', `${web.url}/not-found`]);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = await runCli(['extract', '--debug', `${web.url}/not-found`]);
    expect(debug.stderr).toMatch(/HttpStatusError: HTTP 404[\s\S]*\n\s+at /);
  });
});
