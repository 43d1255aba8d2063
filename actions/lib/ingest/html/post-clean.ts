import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { elementsOf, holdersOf } from './holders';

// After Readability picked the container (run with keepClasses so names survive): remove what is still not
// article prose. Captions, galleries, dates and bylines are page furniture that article text never includes;
// lists of short links are menus or "related" boxes; one-line calls to share/follow/subscribe are chrome.

const ALWAYS_FURNITURE_CLASS = /caption|slideshow|carousel|gallery/i;

const FURNITURE_NAME =
  /(^|[\s_-])(date|dateline|time|timestamp|published|updated|byline|author|meta|post-meta|entry-meta|article-meta|credit|credits|photo-credit|image-credit|kicker|eyebrow)([\s_-]|$)/i;

/** Furniture-named elements longer than this are kept: some sites name the story wrapper `post-meta-wrap`. */
const MAX_FURNITURE_CHARS = 160;

const CALL_TO_ACTION =
  /^(share( this( article| story| post)?)?( on \w+)?|tweet|email|print|pin it|follow us( on \w+)?|sign up.*newsletter.*|subscribe( now| today)?|advert(isement)?|related( articles| stories)?|read more|see also|click here.*|comments?( \(\d+\))?|leave a comment|\d+ comments?|skip to (main )?content|image \d+ (of|\/) ?\d+|\d+ ?of ?\d+|caption|close)[:.!]?$/i;

/** "By Jane Doe" or "Published 4:00 am, Nov 20": furniture whose markup Readability rewrote (div → p, classes lost). */
const BYLINE =
  /^([Bb]y|[Pp]ar|[Vv]on|[Dd]i|[Pp]or)\s+\p{Lu}[\p{L}.'’-]*(\s+(and\s+)?\p{Lu}[\p{L}.'’-]*){0,4}$/u;
const DATELINE =
  /^(published|updated|posted|last updated|publicado|pubblicato|veröffentlicht)\b[^.!?]{0,60}$/i;

const SOCIAL_WORD =
  /^(whatsapp|facebook|twitter|pinterest|pint|pin|linkedin|reddit|tumblr|telegram|email|e-mail|mail|print|share|tweet|copy|link|flipboard|messenger|sms|baixar|download|compartilhar|condividi|teilen|partager)$/i;

function textOf($: CheerioAPI, element: Element): string {
  return $(element).text().replace(/\s+/g, ' ').trim();
}

function linkShare($: CheerioAPI, element: Element, text: string): number {
  const total = text.replace(/\s/g, '').length;
  if (total === 0) return 1;
  let linked = 0;
  $(element)
    .find('a')
    .each((_, a) => {
      linked += textOf($, a).replace(/\s/g, '').length;
    });
  return linked / total;
}

/** "Facebook Twitter WhatsApp": a share bar that lost its markup. */
function isSocialLine(text: string): boolean {
  const words = text.split(/[\s|·•,/]+/).filter(Boolean);
  return words.length >= 2 && words.length <= 12 && words.every((word) => SOCIAL_WORD.test(word));
}

const CTA_CANDIDATES = new Set(['p', 'div', 'span', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CTA_CONTAINERS = new Set(['p', 'div', 'ul', 'ol', 'table']);

// The passes below go over one list of elements each instead of running selector lists over the tree: same
// results, a fraction of the time.

export function postClean($: CheerioAPI, title?: string): void {
  for (const element of elementsOf($))
    if (element.name === 'figcaption' || ALWAYS_FURNITURE_CLASS.test(element.attribs.class ?? ''))
      $(element).remove();
  for (const element of elementsOf($)) {
    const { class: className, id } = element.attribs;
    if (className === undefined && id === undefined) continue;
    if (
      FURNITURE_NAME.test(`${className ?? ''} ${id ?? ''}`) &&
      textOf($, element).length < MAX_FURNITURE_CHARS
    )
      $(element).remove();
  }
  for (const list of elementsOf($)) {
    if (list.name !== 'ul' && list.name !== 'ol') continue;
    const items = list.children.filter((child) => 'name' in child && child.name === 'li').length;
    if (items < 2) continue;
    const text = textOf($, list);
    if (text.length / items < 40 && linkShare($, list, text) > 0.7) $(list).remove();
  }
  const elements = elementsOf($);
  const containers = holdersOf(elements, CTA_CONTAINERS);
  for (const element of elements) {
    if (!CTA_CANDIDATES.has(element.name) || containers.has(element)) continue;
    const text = textOf($, element);
    if (text.length === 0 || text.length > 120) continue;
    if (CALL_TO_ACTION.test(text) || BYLINE.test(text) || DATELINE.test(text) || isSocialLine(text))
      $(element).remove();
  }
  if (title) removeRepeatedTitle($, title);
}

/** The headline repeated at the top of the body: the Document carries it as `title` already. */
function removeRepeatedTitle($: CheerioAPI, title: string): void {
  const wanted = normalize(title);
  if (!wanted) return;
  // The first candidate in document order, found by walking the tree and stopping there: reading every
  // candidate's text (each one's whole subtree) only to keep the first cost more than the rest of cleaning.
  const element = firstWithText($, new Set(['h1', 'h2', 'h3', 'p', 'div']));
  if (element && $(element).children('p, div').length === 0 && normalize(textOf($, element)) === wanted)
    $(element).remove();
}

function firstWithText($: CheerioAPI, tags: ReadonlySet<string>): Element | undefined {
  const stack: AnyNode[] = $.root().contents().toArray().reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (!('name' in node) || !('children' in node)) continue;
    const element = node;
    if (tags.has(element.name) && textOf($, element).length > 0) return element;
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i] as AnyNode);
  }
  return undefined;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
