import type { CheerioAPI } from 'cheerio';
import { collectCaptionTexts, removeCaptionBlocks } from './captions';
import type { DomDocument } from './dom';
import { liftEmbeddedPosts } from './embedded-posts';
import { removeSameSiteLinkBlocks } from './link-blocks';
import { postClean } from './post-clean';
import { pageElements } from './page-elements';
import { preClean } from './pre-clean';
import { removeHeaders, removeNestedArticles, removeOrphanHeadings } from './sections';
import { markTeaserCards, TEASER_MARK } from './teaser-cards';

// The cleaning around Readability, in order. Each rule is named so that the extraction benchmark can leave one out
// and measure what it is worth (`scripts/bench/bench-extract.ts --ablate`); callers leave them all on.

export const EXTRACTION_RULES = [
  'embedded-posts',
  'teaser-cards',
  'captions',
  'nested-articles',
  'same-site-link-blocks',
  'headers',
  'orphan-headings',
] as const;
export type ExtractionRule = (typeof EXTRACTION_RULES)[number];

/** What is read on the whole page before Readability rewrites it, for use on its result. */
export interface PageNotes {
  captions: ReadonlySet<string>;
  /** How many teaser boxes were marked: none, and their removal need not search the result. */
  teasers: number;
}

export function beforeReadability(
  document: DomDocument,
  page: URL | undefined,
  skip: ReadonlySet<ExtractionRule>,
): PageNotes {
  if (!skip.has('embedded-posts')) liftEmbeddedPosts(document);
  preClean(document);
  // One list of the page's elements for the rules below: each selector query walks the whole tree.
  const elements = pageElements(document);
  const teasers = skip.has('teaser-cards') ? 0 : markTeaserCards(elements, page);
  return { captions: skip.has('captions') ? new Set() : collectCaptionTexts(elements), teasers };
}

export function afterReadability(
  $: CheerioAPI,
  notes: PageNotes,
  { title, page, skip }: { title?: string; page?: URL; skip: ReadonlySet<ExtractionRule> },
): void {
  if (notes.teasers > 0) $(`[${TEASER_MARK}]`).remove();
  if (!skip.has('nested-articles')) removeNestedArticles($);
  removeCaptionBlocks($, notes.captions);
  postClean($, title);
  if (!skip.has('same-site-link-blocks')) removeSameSiteLinkBlocks($, page);
  if (!skip.has('headers')) removeHeaders($);
  if (!skip.has('orphan-headings')) removeOrphanHeadings($);
}
