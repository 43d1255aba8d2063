import type { Readability } from '@mozilla/readability';
import { load } from 'cheerio/slim';
import { parseHTML } from 'linkedom';
import { blockText } from './html/block-text';
import { boundedPageText, countTagOpeners, exceedsTreeLimits } from './html/bounded-walk';
import type { DomDocument, DomNode } from './html/dom';
import { afterReadability, beforeReadability } from './html/cleaning';
import type { ExtractionRule, PageNotes } from './html/cleaning';
import { wholePageFallback } from './html/fallback';
import { toIsoDate } from './html/metadata';
import { documentDepth } from './html/page-elements';
import { TagWalkingReadability } from './html/readability';
import { declaredPageUrl, pageUrl } from './html/same-site';
import { childrenAsDomhandler } from './html/to-domhandler';

export interface ExtractedArticle {
  /** Paragraphs separated by one blank line; empty when the page has no readable text. */
  text: string;
  title: string;
  byline?: string;
  siteName?: string;
  publishedAt?: string;
  lang?: string;
}

/** Below this many characters Readability's pick is treated as a miss and the markup fallback runs. */
const MIN_ARTICLE_CHARS = 200;

/**
 * Readability's input bounds. Its conditional cleaning re-queries each candidate's descendants, so its cost grows
 * faster than the node count, and its traversals recurse on depth (1,000 nested <div>s took 14 s, 10,000 overflowed
 * the stack). Real article pages stay far below these (the extraction benchmark's largest: ~1,600 elements, depth
 * 51); a page beyond either gets the bounded walk instead, which is linear whatever the shape.
 */
const READABILITY_MAX_ELEMENTS = 10_000;
const READABILITY_MAX_DEPTH = 128;

export interface ExtractArticleOptions {
  /** Called between stages; throws to stop (the source's deadline). */
  checkpoint?: () => void;
  /** Cleaning rules to leave out, to measure what each is worth (the extraction benchmark's `--ablate`). */
  skipRules?: ReadonlySet<ExtractionRule>;
}

/**
 * Main-content extraction: Readability on linkedom (on Scrapinghub's article-extraction benchmark the same output as
 * on jsdom for 180 of 181 pages, about 5× faster and smaller), with chrome removed before it runs and after it
 * picked the container (html/cleaning.ts: on that benchmark F1 0.980, plain Readability 0.947), flattened
 * block-aware with cheerio. Never throws on odd markup: each stage that fails hands over to the next.
 */
export function extractArticle(
  html: string,
  url?: string,
  { checkpoint = () => {}, skipRules = new Set() }: ExtractArticleOptions = {},
): ExtractedArticle {
  const bounded = (): ExtractedArticle =>
    compact({ ...boundedPageText(html), siteName: siteNameFromUrl(url) });
  // Few enough `<` settles the element bound without tokenizing; the depth is then checked on the parsed tree.
  const fewTags = countTagOpeners(html, READABILITY_MAX_ELEMENTS) <= READABILITY_MAX_ELEMENTS;
  if (!fewTags && exceedsTreeLimits(html, READABILITY_MAX_ELEMENTS, READABILITY_MAX_DEPTH)) return bounded();
  checkpoint();
  let page = pageUrl(url);
  let readable: ReturnType<Readability<DomNode>['parse']>;
  let notes: PageNotes = { captions: new Set(), teasers: 0 };
  try {
    // linkedom's declarations name lib.dom types this Node project does not load; see html/dom.ts.
    const { document } = parseHTML(html) as unknown as { document: DomDocument };
    if (fewTags && documentDepth(document) > READABILITY_MAX_DEPTH) return bounded();
    page ??= declaredPageUrl(document);
    notes = beforeReadability(document, page, skipRules);
    // The serializer hands back the article's container itself, for the cleaning below to take over as it is.
    readable = new TagWalkingReadability(document, {
      keepClasses: true,
      serializer: (node) => node as DomNode,
    }).parse();
  } catch {
    readable = null;
  }
  checkpoint();

  let text = '';
  if (readable?.content) {
    try {
      const $article = load(childrenAsDomhandler(readable.content));
      afterReadability($article, notes, { title: readable.title ?? undefined, page, skip: skipRules });
      text = blockText($article);
    } catch {
      text = '';
    }
  }

  if (text.length >= MIN_ARTICLE_CHARS && readable) {
    return compact({
      text,
      title: readable.title?.trim() ?? '',
      byline: readable.byline?.trim(),
      siteName: readable.siteName?.trim() || siteNameFromUrl(url),
      publishedAt: toIsoDate(readable.publishedTime ?? undefined),
      lang: readable.lang?.trim(),
    });
  }

  checkpoint();
  const { metadata, text: fallback } = wholePageFallback(html);
  return compact({
    ...metadata,
    text: fallback.length > text.length ? fallback : text,
    title: readable?.title?.trim() || metadata.title || '',
    siteName: metadata.siteName ?? siteNameFromUrl(url),
  });
}

function siteNameFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** Drops absent and empty optional fields so JSON output stays small and `'byline' in doc` means something. */
function compact(article: ExtractedArticle): ExtractedArticle {
  const result: ExtractedArticle = { text: article.text, title: article.title };
  for (const key of ['byline', 'siteName', 'publishedAt', 'lang'] as const) {
    const value = article[key];
    if (value) result[key] = value;
  }
  return result;
}
