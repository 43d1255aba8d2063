import type { DomElement } from './dom';
import { descendantsNamed } from './page-elements';
import { sameSiteTarget } from './same-site';

// A run of sibling boxes of one kind, each a short text with a link to a different page of the same site, is a
// grid or rail of teasers for other stories ("more from", "popular", "you may also like"), whatever it is named and
// however little of its text is linked (a headline link plus an unlinked summary). Boxes are marked before
// Readability runs, while their markup is intact, and removed from its result: removing them before it runs
// would change the container it picks (they count towards it, and so do their neighbours).

/** The attribute that marks a teaser box; Readability keeps attributes on the elements it keeps. */
export const TEASER_MARK = 'data-sumops-teaser';

/** Fewer boxes in a row is a pair of links, not a grid. */
const MIN_RUN = 3;
/** A teaser is a headline and a line or two; a box with more text is content. */
const MAX_CARD_CHARS = 300;
/** Boxes only: paragraphs and list items that link on are judged as text after Readability. */
const CARD_TAGS = new Set(['div', 'article', 'section', 'figure', 'aside']);
const LINKS = new Set(['a']);
const PARENTS = new Set(['body', 'div', 'section', 'article', 'aside', 'main', 'ul', 'ol', 'nav']);

function kindOf(element: DomElement): string {
  return `${element.tagName.toLowerCase()}.${(element.getAttribute('class') ?? '').trim()}`;
}

/** The same-site page a box links to, if the box is short enough to be a teaser. */
function teaserTarget(box: DomElement, page: URL): string | undefined {
  const text = box.textContent ?? '';
  if (text.length > MAX_CARD_CHARS * 8) return undefined;
  const length = text.replace(/\s+/g, ' ').trim().length;
  if (length === 0 || length > MAX_CARD_CHARS) return undefined;
  // Links without an href have no target: the first link that has one on the site, as `a[href]` would list them.
  for (const link of descendantsNamed(box, LINKS)) {
    const target = sameSiteTarget(link.getAttribute('href'), page);
    if (target) return target;
  }
  return undefined;
}

/** The boxes of `children[from, to)` if each is a teaser for a different page, else none. */
function teaserRun(children: ArrayLike<DomElement>, from: number, to: number, page: URL): DomElement[] {
  if (to - from < MIN_RUN || !CARD_TAGS.has(children[from]?.tagName.toLowerCase() ?? '')) return [];
  const targets = new Set<string>();
  const run: DomElement[] = [];
  for (let i = from; i < to; i++) {
    const box = children[i] as DomElement;
    const target = teaserTarget(box, page);
    if (!target || targets.has(target)) return [];
    targets.add(target);
    run.push(box);
  }
  return run;
}

/**
 * Marks every run of teaser boxes among the page's elements with TEASER_MARK; returns how many boxes it marked.
 * Needs the page's URL to know which links stay on its site.
 */
export function markTeaserCards(elements: readonly DomElement[], page: URL | undefined): number {
  if (!page) return 0;
  const marked: DomElement[] = [];
  for (const parent of elements) {
    if (!PARENTS.has(parent.tagName.toLowerCase())) continue;
    const children = parent.children;
    if (children.length < MIN_RUN) continue;
    const kinds = Array.from(children, kindOf);
    let start = 0;
    for (let i = 1; i <= children.length; i++) {
      if (i < children.length && kinds[i] === kinds[i - 1]) continue;
      for (const box of teaserRun(children, start, i, page)) marked.push(box);
      start = i;
    }
  }
  for (const box of marked) box.setAttribute(TEASER_MARK, '');
  return marked.length;
}
