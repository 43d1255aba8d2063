import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { isSameSite } from './same-site';

// A paragraph, list item or heading that is (almost) all link text pointing at the site's own pages is a teaser
// for another story ("Related: …", a linked all-caps headline between paragraphs, a list of headlines), not part
// of this one. Links to other sites are left alone: those are what the article cites, sells or quotes, and a link
// whose text is an address ("www.example.org", "https://…") is a citation spelled out.

/** Share of a block's letters and digits inside same-site links from which it is a teaser. */
const TEASER_LINK_SHARE = 0.8;
const ADDRESS = /^(https?:\/\/|www\.)\S+$/i;
const LEAF_PARTS = 'p, div, ul, ol, table, li';

function letters(text: string): number {
  return text.replace(/[^\p{L}\p{N}]+/gu, '').length;
}

/** Whether TEASER_LINK_SHARE or more of the block's letters and digits sit in same-site links. */
function isTeaser($: CheerioAPI, block: Element, page: URL | undefined): boolean {
  const total = letters($(block).text());
  if (total === 0) return false;
  const links = $(block)
    .find('a')
    .toArray()
    .map((link) => ({ link, text: $(link).text().trim() }))
    .filter(({ text }) => !ADDRESS.test(text))
    .map(({ link, text }) => ({ href: $(link).attr('href'), count: letters(text) }));
  // Most blocks with a link are prose with a few words linked: settle those before reading any address.
  let linked = 0;
  for (const { count } of links) linked += count;
  if (linked < TEASER_LINK_SHARE * total) return false;
  let sameSite = 0;
  for (const { href, count } of links) if (isSameSite(href, page)) sameSite += count;
  return sameSite >= TEASER_LINK_SHARE * total;
}

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6';

export function removeSameSiteLinkBlocks($: CheerioAPI, page: URL | undefined): void {
  // Only blocks holding a link can be teasers: start from the links rather than from every block.
  const blocks = new Set<Element>();
  $('a').each((_, link) => {
    const block = $(link).closest(BLOCKS).get(0) as Element | undefined;
    if (block) blocks.add(block);
  });
  for (const block of blocks) {
    if (isTeaser($, block, page) && $(block).find(LEAF_PARTS).length === 0) $(block).remove();
  }
}
