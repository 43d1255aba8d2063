import type { DomDocument, DomElement } from './dom';
import { descendantsNamed, pageElements } from './page-elements';

// Readability scores containers by text and commas, so chrome that sits INSIDE the winning container (menus,
// breadcrumbs, share bars, tag lists, teasers) can both survive and sway its choice; that is its main loss on real
// pages: on the 181 pages of Scrapinghub's article-extraction benchmark, plain Readability 0.6.0 keeps recall at
// least 0.97 on 169 but has precision below 0.8 on 20, from breadcrumbs, share labels and menus inside the container
// (`scripts/bench/bench-extract.ts --worst N` lists such pages). Before it runs we remove only what is chrome beyond
// doubt: elements whose markup role says so, or whose name says chrome AND whose content agrees (short, or mostly links), so that an article
// body that merely carries such a class (`entry-content share-enabled`) is kept. Furniture that Readability uses
// as a landmark (dates, bylines) is left to post-cleaning: removing it here changes which container wins.

// What markup says is chrome: navigation, menus, banners, site footers, search, breadcrumbs, form controls, dialogs.
// Matched in code over one list of the page's elements: a selector list this long, run by linkedom over the
// whole tree, cost more than the rest of pre-cleaning.
const CHROME_TAGS = new Set(['nav', 'button', 'select', 'dialog']);
const CHROME_ROLES = new Set(['navigation', 'menu', 'menubar', 'banner', 'contentinfo', 'search']);

function isMarkedChrome(element: DomElement): boolean {
  if (CHROME_TAGS.has(element.tagName.toLowerCase())) return true;
  const role = element.getAttribute('role');
  if (role !== null && CHROME_ROLES.has(role)) return true;
  if (/breadcrumb/i.test(element.getAttribute('aria-label') ?? '')) return true;
  return (element.getAttribute('itemtype') ?? '').includes('BreadcrumbList');
}

const CHROME_NAME =
  /(^|[\s_-])(breadcrumbs?|crumbs?|share|sharing|shares|sharebar|sharetools|social|socials|tags?|tag-?list|tagcloud|topics|keywords|related|recommended|recirc|more-stories|trending|popular|most-read|newsletter|subscribe|subscription|signup|promo|teaser|advert|advertisement|ads?|sponsor|sponsored|follow|print|toolbar|comment-?policy|pagination|pager|cookie|consent|gdpr|modal|popup|overlay|outbrain|taboola|skip-link)([\s_-]|$)/i;

const LINKS = new Set(['a']);

/** Below this many characters a chrome-named element is chrome whatever its links. */
const SHORT_CHROME_CHARS = 80;

function textLength(element: DomElement): number {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function linkDensity(element: DomElement): number {
  const total = (element.textContent ?? '').replace(/\s+/g, '').length;
  if (total === 0) return 1;
  let linked = 0;
  for (const link of descendantsNamed(element, LINKS))
    linked += (link.textContent ?? '').replace(/\s+/g, '').length;
  return linked / total;
}

export function preClean(document: DomDocument): void {
  const all = pageElements(document);
  for (let i = all.length - 1; i >= 0; i--) {
    const element = all[i];
    if (element && isMarkedChrome(element)) element.remove();
  }

  // Listed again: what was just removed must not be judged (nor its text read).
  const named = pageElements(document);
  const doomed: DomElement[] = [];
  for (let i = 0; i < named.length; i++) {
    const element = named[i];
    if (!element) continue;
    const className = element.getAttribute('class');
    const id = element.getAttribute('id');
    if (className === null && id === null) continue;
    const tag = element.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body' || tag === 'article' || tag === 'main') continue;
    const name = `${className ?? ''} ${id ?? ''}`;
    if (CHROME_NAME.test(name) && (textLength(element) < SHORT_CHROME_CHARS || linkDensity(element) > 0.5))
      doomed.push(element);
  }
  for (const element of doomed) element.remove();
}
