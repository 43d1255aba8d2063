// A loopback web site whose pages tests change between runs (new text, 404, a bot wall), with an optional
// latency per request and a count of requests in flight, to check politeness. Answers follow RFC 9110 like
// ./web.ts; feeds are served as application/rss+xml, application/atom+xml or application/feed+json.
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from './http';

export interface SitePage {
  status?: number;
  type?: string;
  body: string;
  headers?: Record<string, string>;
}

export interface SiteEmulator {
  url: string;
  /** Sets (or replaces) what a path answers. */
  set(path: string, page: SitePage): void;
  hits: Map<string, number>;
  /** Most requests this site had in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export const article = (title: string, paragraphs: string[], lang = 'en'): string =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

/** A few hundred words of plausible article text, different for each seed. */
export function prose(seed: string, sentences = 24): string[] {
  const paragraphs: string[] = [];
  for (let p = 0; p < sentences / 4; p++) {
    const lines: string[] = [];
    for (let s = 0; s < 4; s++) {
      const n = p * 4 + s;
      lines.push(
        `The ${seed} report number ${n} describes how harbour crews moved cargo along the northern coast during season ${n + 1}, noting tides, weather and the ships that passed.`,
      );
    }
    paragraphs.push(lines.join(' '));
  }
  return paragraphs;
}

export async function startSite(options: { latencyMs?: number } = {}): Promise<SiteEmulator> {
  const pages = new Map<string, SitePage>();
  const hits = new Map<string, number>();
  let inFlight = 0;
  const site: SiteEmulator = {
    url: '',
    hits,
    maxInFlight: 0,
    set: (path, page) => pages.set(path, page),
    close: () => Promise.resolve(),
  };
  const server = createServer((req, res) => {
    // Pages are keyed by path: tracking parameters in a URL reach the same page, as on real sites.
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    const answer = (): void => {
      inFlight--;
      const page = pages.get(path) ?? { status: 404, type: 'text/plain', body: 'Not Found' };
      res.writeHead(page.status ?? 200, {
        'content-type': page.type ?? 'text/html; charset=utf-8',
        ...page.headers,
      });
      res.end(page.body);
    };
    if (options.latencyMs) setTimeout(answer, options.latencyMs);
    else answer();
  });
  site.url = await listenOnLoopback(server);
  site.close = () => closeServer(server);
  return site;
}
