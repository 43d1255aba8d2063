import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

// After Readability picked the container (run with keepClasses so names survive): remove what is still not
// article prose. Captions, galleries, dates and bylines are page furniture that article text never includes;
// lists of short links are menus or "related" boxes; one-line calls to share/follow/subscribe are chrome.

const ALWAYS_FURNITURE =
  'figcaption, [class*="caption" i], [class*="slideshow" i], [class*="carousel" i], [class*="gallery" i]';

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

export function postClean($: CheerioAPI, title?: string): void {
  $(ALWAYS_FURNITURE).remove();
  $('[class], [id]').each((_, element) => {
    const name = `${$(element).attr('class') ?? ''} ${$(element).attr('id') ?? ''}`;
    if (FURNITURE_NAME.test(name) && textOf($, element).length < MAX_FURNITURE_CHARS) $(element).remove();
  });
  $('ul, ol').each((_, list) => {
    const items = $(list).children('li').length;
    if (items < 2) return;
    const text = textOf($, list);
    if (text.length / items < 40 && linkShare($, list, text) > 0.7) $(list).remove();
  });
  $('p, div, span, li, h1, h2, h3, h4, h5, h6').each((_, element) => {
    if ($(element).find('p, div, ul, ol, table').length > 0) return;
    const text = textOf($, element);
    if (text.length === 0 || text.length > 120) return;
    if (CALL_TO_ACTION.test(text) || BYLINE.test(text) || DATELINE.test(text) || isSocialLine(text))
      $(element).remove();
  });
  if (title) removeRepeatedTitle($, title);
}

/** The headline repeated at the top of the body: the Document carries it as `title` already. */
function removeRepeatedTitle($: CheerioAPI, title: string): void {
  const wanted = normalize(title);
  if (!wanted) return;
  const first = $('h1, h2, h3, p, div')
    .filter((_, element) => textOf($, element).length > 0)
    .first();
  const element = first.get(0);
  if (element && normalize(textOf($, element)) === wanted && $(element).children('p, div').length === 0)
    first.remove();
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
