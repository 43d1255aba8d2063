import type { DomDocument } from './dom';
import { descendantsNamed } from './page-elements';

// Whether a link leads to another page of the site being read. Boxes of links to the site's own pages are how
// sites advertise their other stories; links to other sites are what an article cites, sells or quotes, so the
// two are told apart before link-heavy text is judged.

/**
 * The registrable part of a host name, approximately: the last two labels, or three under a two-letter country
 * code whose second level is a short generic name (`co.uk`, `com.br`, `or.jp`). A full public-suffix list would
 * also separate, say, two `github.io` sites; the approximation only ever decides whether a link-only block is a
 * teaser, so it is not worth a 100 KB table.
 */
export function siteOf(hostname: string): string {
  const labels = hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '')
    .split('.');
  const count = labels.length;
  const topLevel = labels[count - 1] ?? '';
  const secondLevel = labels[count - 2] ?? '';
  const keep = count >= 3 && topLevel.length === 2 && secondLevel.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The page's URL, or undefined when there is none or it does not parse (a local file, stdin). */
export function pageUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The address a saved page gives for itself (`<link rel="canonical">`, else `og:url`), for pages read from a file
 * or stdin: it tells which links stay on the site as the URL it was fetched from would.
 */
export function declaredPageUrl(document: DomDocument): URL | undefined {
  // `link[rel~="canonical" i][href], meta[property="og:url"][content]`, matched in code over one walk of the page:
  // a selector costs linkedom a css-select compile and a walk of its own.
  for (const element of descendantsNamed(document, DECLARING)) {
    const declared =
      element.localName.toLowerCase() === 'link'
        ? CANONICAL.test(element.getAttribute('rel') ?? '')
          ? element.getAttribute('href')
          : null
        : element.getAttribute('property') === 'og:url'
          ? element.getAttribute('content')
          : null;
    if (declared === null) continue;
    const url = pageUrl(declared);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  }
  return undefined;
}

const DECLARING = new Set(['link', 'meta']);
const CANONICAL = /(?:^|\s)canonical(?:$|\s)/i;

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/** Whether `href` stays on the page's site: a relative link, an in-page anchor, or an address on the same site. */
export function isSameSite(href: string | null | undefined, page: URL | undefined): boolean {
  const trimmed = href?.trim();
  if (!trimmed) return false;
  if (!page) return !SCHEME.test(trimmed);
  try {
    const target = new URL(trimmed, page);
    return (
      (target.protocol === 'http:' || target.protocol === 'https:') &&
      siteOf(target.hostname) === siteOf(page.hostname)
    );
  } catch {
    return false;
  }
}

/**
 * The absolute address (without fragment) of the same-site page `href` leads to; undefined for other sites,
 * non-web schemes, and links to the page itself. Without a page URL only relative links count as same-site.
 */
export function sameSiteTarget(href: string | null | undefined, page: URL | undefined): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  if (!isSameSite(trimmed, page)) return undefined;
  if (!page) return trimmed;
  const target = new URL(trimmed, page);
  target.hash = '';
  const self = new URL(page.href);
  self.hash = '';
  return target.href === self.href ? undefined : target.href;
}
