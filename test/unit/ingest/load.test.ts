import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryFileError,
  BodyTooLargeError,
  EmptyDocumentError,
  FetchTimeoutError,
  HttpStatusError,
  InvalidSourceError,
  NetworkError,
  NoReadableTextError,
  RedirectError,
  SourceIsDirectoryError,
  SourceNotFoundError,
  UnsupportedContentTypeError,
  WikipediaArticleNotFoundError,
  load,
} from '#lib/ingest/index';
import type { LoadOptions } from '#lib/ingest/index';
import type { Clock, Logger } from '#lib/log';
import { ARTICLE_SENTENCE, startWebEmulator } from '../../emulators/web';
import type { WebEmulator } from '../../emulators/web';
import { SOLAR_SAIL_LEAD, startWikipediaEmulator } from '../../emulators/wikipedia';
import type { WikipediaEmulator } from '../../emulators/wikipedia';

const fixtures = join(import.meta.dirname, '../../fixtures/ingest');
const examples = join(import.meta.dirname, '../../../examples');

let web: WebEmulator;
let wiki: WikipediaEmulator;
beforeAll(async () => {
  [web, wiki] = await Promise.all([startWebEmulator(), startWikipediaEmulator()]);
});
afterAll(async () => {
  await Promise.all([web.close(), wiki.close()]);
});

function setup(overrides: Partial<LoadOptions> = {}) {
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const clock: Clock = { now: () => Date.now(), sleep: (ms) => (sleeps.push(ms), Promise.resolve()) };
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m) };
  const options: LoadOptions = { clock, logger, wikipediaBaseUrl: wiki.baseUrl, cwd: fixtures, ...overrides };
  return { options, sleeps, warnings };
}

describe('load: URLs', () => {
  it('fetches an article page into a Document', async () => {
    const doc = await load(`${web.url}/article`, setup().options);
    expect(doc).toMatchObject({
      kind: 'url',
      title: 'Keeper of the light',
      url: `${web.url}/article`,
      source: `${web.url}/article`,
    });
    expect(doc.text).toContain(ARTICLE_SENTENCE);
    expect(doc.text).not.toContain('Home');
    expect(doc.wordCount).toBe(doc.text.split(/\s+/).length);
    expect(web.lastUserAgent).toMatch(/^sumops\/\d+\.\d+\.\d+ \(\+https:\/\//);
  });

  it('reads text/plain as paragraphs and gunzips compressed bodies', async () => {
    expect((await load(`${web.url}/plain`, setup().options)).text).toBe(
      `First paragraph of a plain note.\n\n${ARTICLE_SENTENCE}`,
    );
    expect((await load(`${web.url}/gzipped`, setup().options)).title).toBe('Compressed keeper');
  });

  it('follows up to 5 redirects and reports the final URL', async () => {
    const doc = await load(`${web.url}/redirect/5`, setup().options);
    expect(doc.url).toBe(`${web.url}/article`);
    await expect(load(`${web.url}/redirect/6`, setup().options)).rejects.toThrow(/more than 5 redirects/);
  });

  it('detects redirect loops and redirects to other schemes', async () => {
    await expect(load(`${web.url}/loop-a`, setup().options)).rejects.toThrow(RedirectError);
    await expect(load(`${web.url}/loop-a`, setup().options)).rejects.toThrow(/redirect loop/);
    await expect(load(`${web.url}/to-ftp`, setup().options)).rejects.toThrow(/unsupported URL scheme "ftp:"/);
  });

  it('retries 429 and 503, waiting what Retry-After says through the injected clock', async () => {
    const { options, sleeps } = setup();
    expect((await load(`${web.url}/flaky?t=unit`, options)).title).toBe('Patience rewarded');
    expect((await load(`${web.url}/busy?t=unit`, options)).title).toBe('Back in service');
    expect(sleeps).toEqual([1000, 0]);
  });

  it('gives up on 429 when retries are exhausted, naming the status', async () => {
    await expect(load(`${web.url}/flaky?t=no-retry`, setup({ retries: 0 }).options)).rejects.toThrow(
      /HTTP 429/,
    );
  });

  it('names the status of 404 and 500 answers', async () => {
    await expect(load(`${web.url}/not-found`, setup().options)).rejects.toThrow(/HTTP 404 Not Found/);
    const error = await load(`${web.url}/server-error`, setup().options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(500);
  });

  it('caps decompressed bytes: endless bodies and gzip bombs', async () => {
    await expect(load(`${web.url}/endless`, setup({ maxBytes: 1_000_000 }).options)).rejects.toThrow(
      BodyTooLargeError,
    );
    await expect(load(`${web.url}/gzip-bomb`, setup().options)).rejects.toThrow(
      /larger than 5242880 bytes once decompressed/,
    );
  });

  it('times out waiting for headers and waiting for the whole body', async () => {
    const headers = await load(`${web.url}/slow-headers`, setup({ connectTimeoutMs: 200 }).options).catch(
      (e: unknown) => e,
    );
    expect(headers).toBeInstanceOf(FetchTimeoutError);
    expect((headers as FetchTimeoutError).phase).toBe('connect');
    await expect(load(`${web.url}/slow-body`, setup({ timeoutMs: 500 }).options)).rejects.toThrow(
      /longer than 500 ms/,
    );
  });

  it('rejects PDFs and other non-text content types', async () => {
    await expect(load(`${web.url}/report.pdf`, setup().options)).rejects.toThrow(UnsupportedContentTypeError);
    await expect(load(`${web.url}/report.pdf`, setup().options)).rejects.toThrow(/"application\/pdf"/);
  });

  it('tells empty pages from pages that need JavaScript', async () => {
    await expect(load(`${web.url}/empty`, setup().options)).rejects.toThrow(EmptyDocumentError);
    await expect(load(`${web.url}/app-shell`, setup().options)).rejects.toThrow(
      /no readable text \(the page may need JavaScript\)/,
    );
  });

  it('decodes windows-1251 from the header and Shift_JIS from <meta>', async () => {
    expect((await load(`${web.url}/cp1251`, setup().options)).text).toContain('Смотритель маяка записывал');
    expect((await load(`${web.url}/sjis-meta`, setup().options)).text).toContain('灯台守は通り過ぎる船');
  });

  it('decodes an unknown charset as UTF-8 and warns', async () => {
    const { options, warnings } = setup();
    expect((await load(`${web.url}/unknown-charset`, options)).text).toContain('Déjà vu in UTF-8.');
    expect(warnings).toEqual([`${web.url}/unknown-charset: unknown charset "x-klingon", decoding as UTF-8`]);
  });

  it('reports refused connections and DNS failures as network errors', async () => {
    const closed = await startWebEmulator();
    await closed.close();
    await expect(load(`${closed.url}/article`, setup().options)).rejects.toThrow(
      /connection refused \(ECONNREFUSED\)/,
    );
    const dns = await load('http://no-such-host.invalid/', setup().options).catch((e: unknown) => e);
    expect(dns).toBeInstanceOf(NetworkError);
  });

  it('rejects invalid URLs and unsupported schemes', async () => {
    for (const source of ['ftp://example.org/a.txt', 'file:///etc/passwd', 'javascript:alert(1)'])
      await expect(load(source, setup().options)).rejects.toThrow(/unsupported scheme/);
    await expect(load('http://exa mple.org/', setup().options)).rejects.toThrow(InvalidSourceError);
  });
});

describe('load: files and stdin', () => {
  it('reads HTML, Markdown, captions and Transcribe JSON by extension', async () => {
    const { options } = setup({ cwd: examples });
    expect(await load('solar-sail.html', options)).toMatchObject({
      kind: 'html-file',
      title: expect.stringMatching(/^Riding Sunlight/) as string,
    });
    expect(await load('talk.vtt', options)).toMatchObject({ kind: 'captions', title: 'talk' });
    expect((await load('transcribe.json', options)).text).toMatch(
      /^Thanks for joining the morning briefing\./,
    );
    expect((await load(join(fixtures, 'notes.md'), options)).kind).toBe('text-file');
  });

  it('names missing files, directories, binary and empty files', async () => {
    const { options } = setup();
    await expect(load('missing.html', options)).rejects.toThrow(SourceNotFoundError);
    await expect(load('.', options)).rejects.toThrow(SourceIsDirectoryError);
    await expect(load('binary.txt', options)).rejects.toThrow(BinaryFileError);
    await expect(load('empty.html', options)).rejects.toThrow(EmptyDocumentError);
    await expect(load('app-shell.html', options)).rejects.toThrow(NoReadableTextError);
  });

  it('reads stdin as HTML or text', async () => {
    const html = await load(
      '-',
      setup({ readStdin: () => Promise.resolve('<html><body><p>From a pipe, as HTML.</p></body></html>') })
        .options,
    );
    expect(html).toMatchObject({ kind: 'stdin', text: 'From a pipe, as HTML.' });
    const text = await load(
      '-',
      setup({ readStdin: () => Promise.resolve(Buffer.from('plain words\n\n\nmore')) }).options,
    );
    expect(text.text).toBe('plain words\n\nmore');
  });
});

describe('load: Wikipedia', () => {
  it('reads an article, dropping references, infobox, figures and back matter', async () => {
    const doc = await load('wiki:Solar sail', setup().options);
    expect(doc).toMatchObject({ kind: 'wikipedia', title: 'Solar sail', siteName: 'Wikipedia' });
    expect(doc.text.split('\n\n')[0]).toBe(
      `${SOLAR_SAIL_LEAD} A number of spaceflight missions to test solar propulsion and navigation have been proposed since the 1980s.`,
    );
    expect(doc.text).toContain('History');
    for (const gone of [
      '[1]',
      'Citation text',
      'External links',
      'An external link list',
      'Propulsion',
      "artist's drawing",
    ])
      expect(doc.text).not.toContain(gone);
  });

  it('follows redirects, reads other languages and names missing articles', async () => {
    expect((await load('wiki:Solar_sails', setup().options)).title).toBe('Solar sail');
    const fr = await load('wiki:fr:Voile_solaire', setup().options);
    expect(fr.text).toBe(
      'Une voile solaire est un procédé de propulsion qui utilise la pression de radiation de la lumière du Soleil.',
    );
    await expect(load('wiki:No_such_page_here', setup().options)).rejects.toThrow(
      WikipediaArticleNotFoundError,
    );
    await expect(load('wiki:', setup().options)).rejects.toThrow(/needs a page title/);
  });
});
