import type { CheerioAPI } from 'cheerio';
import type { DomElement } from './dom';
import { elementsOf, holdersOf } from './holders';

// Captions and photo credits are not article text, and the page's markup usually says which they are: a
// <figcaption>, a box named "caption" or "credit", or a box holding nothing but an image and a line of text. But
// Readability rewrites the markup it keeps (a `<div class="caption">` holding only text comes out as an unnamed
// `<p>`), and removing captions before it runs is no answer either: they count towards the container it picks, and
// taking them out can change its pick. So their texts are noted on the whole page first, and the blocks of
// Readability's result that carry exactly one of those texts are removed afterwards.

const CAPTION_CLASS = /caption|credit/i;

/** Longer than this (normalized) is prose that merely sits in a captioned box, not a caption. */
const MAX_CAPTION_CHARS = 400;
/** Bounds the notes and the work on a page of thousands of thumbnails. */
const MAX_CAPTIONS = 2_000;
const MAX_IMAGES = 4_000;

/** Case, punctuation and spacing removed, so a caption matches however Readability re-wrapped it. */
function captionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Notes the element's text if it is short enough to be a caption; says whether it was. */
function note(texts: Set<string>, element: DomElement | undefined): boolean {
  const text = element?.textContent ?? '';
  // The raw length check first: normalizing a whole section's text only to discard it would cost its size again.
  if (text.length > MAX_CAPTION_CHARS * 4) return false;
  const key = captionKey(text);
  if (!key || key.length > MAX_CAPTION_CHARS) return false;
  texts.add(key);
  return true;
}

/**
 * The normalized texts of the page's captions and credits, read before Readability rewrites the markup, from the
 * page's elements in document order.
 */
export function collectCaptionTexts(elements: readonly DomElement[]): Set<string> {
  const texts = new Set<string>();
  const images: DomElement[] = [];
  for (const element of elements) {
    if (texts.size >= MAX_CAPTIONS) break;
    const tag = element.tagName.toLowerCase();
    if (tag === 'img' || tag === 'picture') {
      if (images.length < MAX_IMAGES) images.push(element);
    } else if (tag === 'figcaption' || CAPTION_CLASS.test(element.getAttribute('class') ?? '')) {
      note(texts, element);
    }
  }

  // A <div>/<figure> whose only text sits beside an image: the box's text, and each of its parts (a caption
  // line and a credit line), is a caption.
  const boxes = new Set<DomElement>();
  for (const image of images) {
    if (texts.size >= MAX_CAPTIONS) break;
    const box = image.parentElement;
    if (!box || boxes.has(box)) continue;
    boxes.add(box);
    const tag = box.tagName.toLowerCase();
    if (tag !== 'div' && tag !== 'figure') continue;
    if (!note(texts, box)) continue;
    const parts = box.children;
    for (let j = 0; j < parts.length; j++) note(texts, parts[j]);
  }
  return texts;
}

const CANDIDATES = new Set(['p', 'div', 'span', 'li', 'figcaption', 'small', 'em', 'i']);
const INNER_BLOCKS = new Set(['p', 'div', 'li']);

/** Removes the innermost blocks of Readability's result whose whole text is one of the noted captions. */
export function removeCaptionBlocks($: CheerioAPI, texts: ReadonlySet<string>): void {
  if (texts.size === 0) return;
  const elements = elementsOf($);
  const holdsBlock = holdersOf(elements, INNER_BLOCKS);
  for (const element of elements) {
    if (!CANDIDATES.has(element.name) || holdsBlock.has(element)) continue;
    const text = $(element).text();
    if (text.length > MAX_CAPTION_CHARS * 4) continue;
    const key = captionKey(text);
    if (key && texts.has(key)) $(element).remove();
  }
}
