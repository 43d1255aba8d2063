import type { AnyNode, Document as DomRoot, Element, Text } from 'domhandler';
import type { CheerioAPI } from 'cheerio';

// Block boundaries become paragraph breaks: gluing `Headline` + `First` into one token both misleads the
// summarizer and breaks word n-grams, which is what the article-extraction benchmark's metric compares
// (4-token shingles of `\w+` runs, evaluate.py in https://github.com/scrapinghub/article-extraction-benchmark).
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'center',
  'option',
  'legend',
  'menu',
]);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'select',
  'head',
  'title',
  'button',
]);

/** Flattens parsed HTML to text: one paragraph per block, paragraphs separated by a blank line. */
export function blockText($: CheerioAPI, root?: AnyNode | AnyNode[]): string {
  const paragraphs: string[] = [];
  let line = '';
  const breakParagraph = (): void => {
    const text = line.replace(/[ \t\f\r\n\u00a0\u200b]+/g, ' ').trim();
    if (text) paragraphs.push(text);
    line = '';
  };
  const walk = (node: AnyNode): void => {
    // domhandler's ElementType enum is not importable as a type-only value; compare its string values.
    const type = node.type as string;
    if (type === 'text') {
      line += (node as Text).data;
      return;
    }
    if (type === 'tag' || type === 'script' || type === 'style') {
      const element = node as Element;
      const name = element.name.toLowerCase();
      if (SKIP.has(name)) return;
      if (name === 'br') {
        breakParagraph();
        return;
      }
      const block = BLOCK.has(name);
      if (block) breakParagraph();
      for (const child of element.children) walk(child);
      if (block) breakParagraph();
      return;
    }
    if (type === 'root') for (const child of (node as DomRoot).children) walk(child);
  };
  const roots = root === undefined ? $.root().toArray() : Array.isArray(root) ? root : [root];
  for (const node of roots) walk(node);
  breakParagraph();
  return paragraphs.join('\n\n');
}
