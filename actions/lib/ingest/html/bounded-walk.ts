import { Parser } from 'htmlparser2';
import { BLOCK, SKIP } from './block-text';

/** Page chrome the bounded walk leaves out, as the markup fallback does. */
const CHROME = new Set(['nav', 'header', 'footer', 'aside', 'form']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Whether the page has more than `maxElements` elements or nests deeper than `maxDepth`, from one tokenizer pass
 * (htmlparser2, which closes implied tags the way browsers do): no tree is built, so this costs a fraction of
 * parsing and nothing in depth.
 */
export function exceedsTreeLimits(html: string, maxElements: number, maxDepth: number): boolean {
  let count = 0;
  let depth = 0;
  let over = false;
  const parser = new Parser(
    {
      onopentag(name) {
        count++;
        if (!VOID.has(name)) depth++;
        if (count > maxElements || depth > maxDepth) {
          over = true;
          parser.pause();
        }
      },
      onclosetag(name) {
        if (!VOID.has(name)) depth--;
      },
    },
    { decodeEntities: false, lowerCaseTags: true },
  );
  parser.end(html);
  return over;
}

/**
 * How many `<` the markup holds, counting no further than `cap + 1`. Every element starts with one, so a page
 * with at most `cap` of them has at most `cap` elements: for an ordinary page this settles the element bound at a
 * fraction of the cost of tokenizing it (exceedsTreeLimits), and only its depth remains to be checked, on the
 * parsed tree (documentDepth).
 */
export function countTagOpeners(html: string, cap: number): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1 && count <= cap; at = html.indexOf('<', at + 1)) count++;
  return count;
}

/**
 * Text of a page too large or too deep for Readability: every block a paragraph; scripts, styles and page chrome
 * (nav, header, footer, aside, form) left out. One streaming pass over the markup, linear in its size whatever
 * the shape; the only state that grows with depth is a counter.
 */
export function boundedPageText(html: string): { text: string; title: string; lang?: string } {
  const paragraphs: string[] = [];
  let line = '';
  let title = '';
  let lang: string | undefined;
  let inTitle = false;
  let depth = 0;
  // While inside a skipped element, the depth at which it opened; Infinity when not skipping.
  let skipFrom = Number.POSITIVE_INFINITY;
  const breakParagraph = (): void => {
    const text = line.replace(/[ \t\f\r\n\u00a0\u200b]+/g, ' ').trim();
    if (text) paragraphs.push(text);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html' && attributes.lang) lang = attributes.lang.trim();
        if (name === 'title' && !title) inTitle = true;
        if (VOID.has(name)) {
          if (depth < skipFrom && (name === 'br' || name === 'hr')) breakParagraph();
          return;
        }
        depth++;
        if (depth >= skipFrom) return;
        if (SKIP.has(name) || CHROME.has(name)) skipFrom = depth;
        else if (BLOCK.has(name)) breakParagraph();
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (depth < skipFrom) line += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (VOID.has(name)) return;
        if (depth === skipFrom) skipFrom = Number.POSITIVE_INFINITY;
        else if (depth < skipFrom && BLOCK.has(name)) breakParagraph();
        depth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  breakParagraph();
  const page = { text: paragraphs.join('\n\n'), title: title.replace(/\s+/g, ' ').trim() };
  return lang ? { ...page, lang } : page;
}
