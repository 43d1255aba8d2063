import type { DomDocument, DomElement } from './dom';

// An embedded post (a tweet, an Instagram post) is published as a <blockquote> holding the post's text, which the
// article quotes. The embed code wraps it in boxes named for what they are ("social-media-embed", "tweet-wrap"),
// and Readability drops boxes named "social" (among others) before it scores anything, quote and all. Lifting the
// quote out of wrappers that hold nothing else keeps it in the article's flow, whatever the wrappers are called.

/** Wrapper levels looked through; embed codes use one to three. */
const MAX_WRAPPERS = 4;
const WRAPPERS = new Set(['div', 'figure', 'section', 'aside', 'span']);
/** A wrapper holds the quote and perhaps the embed's <script>; a box with more children is not a wrapper. */
const MAX_WRAPPER_CHILDREN = 3;
/** Bounds the work on a page made of quotes. */
const MAX_QUOTES = 500;

function squeezed(element: DomElement): string {
  return (element.textContent ?? '').replace(/\s+/g, '');
}

export function liftEmbeddedPosts(document: DomDocument): void {
  const quotes = document.getElementsByTagName('blockquote');
  for (let i = 0; i < quotes.length && i < MAX_QUOTES; i++) {
    const quote = quotes[i];
    if (!quote) continue;
    const text = squeezed(quote);
    if (!text) continue;
    let outermost: DomElement | undefined;
    let parent = quote.parentElement;
    for (let level = 0; level < MAX_WRAPPERS && parent; level++) {
      // Tag and child count first, so the text of a large box is never read.
      if (!WRAPPERS.has(parent.tagName.toLowerCase()) || parent.children.length > MAX_WRAPPER_CHILDREN) break;
      if (squeezed(parent) !== text) break;
      outermost = parent;
      parent = parent.parentElement;
    }
    outermost?.replaceWith(quote);
  }
}
