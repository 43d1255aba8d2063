import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { elementsOf, holdersOf } from './holders';

// What HTML's sectioning elements say about the container Readability picked. A <header> holds a section's
// introductory matter (kicker, headline, standfirst, byline), not its text; an <article> nested in another is,
// per the HTML standard, a related item such as a comment or another post; and a heading with nothing under it
// is the label of a box that cleaning emptied ("More stories", "Don't miss").

function textLength($: CheerioAPI, element: AnyNode): number {
  return $(element).text().replace(/\s+/g, ' ').trim().length;
}

/** Removes <header> elements, unless one holds half the text or more (then it is the content, whatever its tag). */
export function removeHeaders($: CheerioAPI): void {
  const headers = $('header').toArray();
  if (headers.length === 0) return;
  const total = textLength($, $.root().get(0) as AnyNode);
  for (const header of headers) if (textLength($, header) * 2 < total) $(header).remove();
}

/**
 * Removes articles nested in an article: related posts, comments. Kept when the text outside them is under
 * MIN_OUTER_CHARS or shorter than the longest of them: then they are the content (a live blog's entries, say).
 */
const MIN_OUTER_CHARS = 500;

export function removeNestedArticles($: CheerioAPI): void {
  const nested = $('article article')
    .toArray()
    .filter((element) => $(element).parents('article').length === 1);
  if (nested.length === 0) return;
  let inside = 0;
  let longest = 0;
  for (const element of nested) {
    const length = textLength($, element);
    inside += length;
    longest = Math.max(longest, length);
  }
  const outside = textLength($, $.root().get(0) as AnyNode) - inside;
  if (outside >= Math.max(MIN_OUTER_CHARS, longest)) for (const element of nested) $(element).remove();
}

const LEAF_BLOCK = new Set('p li h1 h2 h3 h4 h5 h6 td th dd dt blockquote pre figcaption div'.split(' '));
const HEADING_RANK: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** The innermost text blocks in document order (blocks holding no other block). */
function leafBlocks($: CheerioAPI): Element[] {
  const elements = elementsOf($);
  const holdsBlock = holdersOf(elements, LEAF_BLOCK);
  return elements.filter(
    (element) =>
      LEAF_BLOCK.has(element.name) && !holdsBlock.has(element) && $(element).text().trim().length > 0,
  );
}

/** Removes each heading followed by a heading of its rank or higher, or by nothing: nothing of its own is left. */
export function removeOrphanHeadings($: CheerioAPI): void {
  const leaves = leafBlocks($);
  const orphans: Element[] = [];
  for (let i = 0; i < leaves.length; i++) {
    const rank = HEADING_RANK[(leaves[i] as Element).name];
    if (rank === undefined) continue;
    const next = leaves[i + 1];
    const nextRank = next === undefined ? 0 : HEADING_RANK[next.name];
    if (nextRank !== undefined && nextRank <= rank) orphans.push(leaves[i] as Element);
  }
  for (const heading of orphans) $(heading).remove();
}
