// Loopback web server for ingestion tests: good pages plus every bad case `load` must survive. Shapes follow
// HTTP semantics (RFC 9110: §15.4 redirects with Location, §10.2.3 Retry-After on 429/503, §8.3 Content-Type with
// charset, §8.4 Content-Encoding gzip) as real servers send them.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { closeServer, listenOnLoopback } from './http';

export const ARTICLE_SENTENCE = 'The lighthouse keeper logged every passing ship in a leather-bound book.';

const articleHtml = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>${title}</h1>
<p>${body} ${ARTICLE_SENTENCE} He noted the weather, the flags they flew and the hour they passed the rocks.</p>
<p>Over forty years the book grew into twelve volumes, which the harbour museum now keeps behind glass for visitors to read.</p>
<p>Historians use the entries to date storms and to trace how trade along the coast changed from sail to steam.</p>
</article><footer>© Loopback Times</footer></body></html>`;

const CYRILLIC =
  'Смотритель маяка записывал каждый проходящий корабль в толстую книгу, отмечая погоду и флаги.';
const JAPANESE = '灯台守は通り過ぎる船をすべて革表紙の帳面に記録し、天気と旗も書き留めた。';

export interface WebEmulator {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Requests seen per path (query string included). */
  hits: Map<string, number>;
  /** User-Agent header of the last request. */
  lastUserAgent?: string;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

// 16 MB of spaces wrapped in HTML compresses to ~16 KB: a small download that would exhaust memory if trusted.
const bomb = gzipSync(
  Buffer.concat([
    Buffer.from('<html><body><p>'),
    Buffer.alloc(16 * 1024 * 1024, 0x20),
    Buffer.from('</p></body></html>'),
  ]),
);

const routes: Record<string, Handler> = {
  '/article': (_req, res) =>
    send(
      res,
      200,
      'text/html; charset=utf-8',
      articleHtml('Keeper of the light', 'In 1890 a keeper arrived.'),
    ),
  '/second': (_req, res) =>
    send(res, 200, 'text/html; charset=utf-8', articleHtml('The second page', 'Another keeper followed.')),
  '/plain': (_req, res) =>
    send(
      res,
      200,
      'text/plain; charset=utf-8',
      `First paragraph of a plain note.\r\n\r\n\r\n${ARTICLE_SENTENCE}\n`,
    ),
  '/gzipped': (_req, res) =>
    send(
      res,
      200,
      'text/html; charset=utf-8',
      gzipSync(articleHtml('Compressed keeper', 'Sent gzip-encoded.')),
      { 'content-encoding': 'gzip' },
    ),
  '/gzip-bomb': (_req, res) => send(res, 200, 'text/html', bomb, { 'content-encoding': 'gzip' }),
  '/endless': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = (): void => {
      while (res.write(chunk)) {
        /* keep writing until the socket pushes back */
      }
    };
    res.on('drain', pump);
    res.on('close', () => res.off('drain', pump));
    pump();
  },
  '/slow-headers': (_req, res) => {
    const timer = setTimeout(() => send(res, 200, 'text/html', articleHtml('Too late', 'Slow.')), 20_000);
    res.on('close', () => clearTimeout(timer));
  },
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body><p>Starting');
    const timer = setInterval(() => res.write(' .'), 200);
    res.on('close', () => clearInterval(timer));
  },
  '/loop-a': (_req, res) => send(res, 302, 'text/plain', '', { location: '/loop-b' }),
  '/loop-b': (_req, res) => send(res, 301, 'text/plain', '', { location: '/loop-a' }),
  '/to-ftp': (_req, res) => send(res, 302, 'text/plain', '', { location: 'ftp://127.0.0.1/file.txt' }),
  '/not-found': (_req, res) => send(res, 404, 'text/html', '<h1>Not Found</h1>'),
  '/server-error': (_req, res) => send(res, 500, 'text/html', '<h1>Internal Server Error</h1>'),
  '/report.pdf': (_req, res) =>
    send(res, 200, 'application/pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1')),
  '/empty': (_req, res) => send(res, 200, 'text/html; charset=utf-8', ''),
  '/app-shell': (_req, res) =>
    send(
      res,
      200,
      'text/html',
      '<!DOCTYPE html><html><head><title>App</title><script src="/app.js"></script></head><body><div id="root"></div><script>window.boot()</script></body></html>',
    ),
  '/cp1251': (_req, res) =>
    send(
      res,
      200,
      'text/html; charset=windows-1251',
      iconv.encode(articleHtml('Маяк', CYRILLIC), 'windows-1251'),
    ),
  '/sjis-meta': (_req, res) =>
    send(
      res,
      200,
      'text/html',
      iconv.encode(
        articleHtml('灯台', JAPANESE).replace(
          '<meta charset="utf-8">',
          '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        ),
        'shift_jis',
      ),
    ),
  '/unknown-charset': (_req, res) =>
    send(res, 200, 'text/html; charset=x-klingon', articleHtml('Unknown charset, café', 'Déjà vu in UTF-8.')),
  '/flaky': (_req, res, hit) => {
    if (hit === 1) send(res, 429, 'text/plain', 'Too Many Requests', { 'retry-after': '1' });
    else send(res, 200, 'text/html; charset=utf-8', articleHtml('Patience rewarded', 'Served after a 429.'));
  },
  '/busy': (_req, res, hit) => {
    if (hit === 1) send(res, 503, 'text/plain', 'Service Unavailable', { 'retry-after': '0' });
    else send(res, 200, 'text/html; charset=utf-8', articleHtml('Back in service', 'Served after a 503.'));
  },
};

/** Starts the emulator on 127.0.0.1 with an ephemeral port. `/redirect/N` redirects N times, then serves /article. */
export async function startWebEmulator(): Promise<WebEmulator> {
  const hits = new Map<string, number>();
  const emulator: WebEmulator = { url: '', hits, close: () => Promise.resolve() };
  const server = createServer((req, res) => {
    const key = req.url ?? '/';
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    emulator.lastUserAgent = req.headers['user-agent'];
    const path = key.split('?')[0] ?? '/';
    const redirect = /^\/redirect\/(\d+)$/.exec(path);
    if (redirect) {
      const left = Number(redirect[1]);
      send(res, 302, 'text/plain', '', { location: left > 1 ? `/redirect/${left - 1}` : '/article' });
      return;
    }
    const route = routes[path];
    if (route) route(req, res, hit);
    else send(res, 404, 'text/plain', 'no such emulator route');
  });
  emulator.url = await listenOnLoopback(server);
  emulator.close = () => closeServer(server);
  return emulator;
}
