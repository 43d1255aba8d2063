import type { AnyNode, Document as DomRoot, Element, Text } from 'domhandler';
import type { CheerioAPI } from 'cheerio';

// Block boundaries become paragraph breaks: gluing `Headline` + `First` into one token both misleads the
// summarizer and breaks word n-grams, which is what the article-extraction benchmark's metric compares
// (4-token shingles of `\w+` runs, evaluate.py in https://github.com/scrapinghub/article-extraction-benchmark).
export const BLOCK = new Set([
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
export const SKIP = new Set([
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
  // An explicit stack, not recursion: nesting depth comes from the page, and 10,000 nested <div>s must cost
  // memory, not the call stack. A block's closing break is queued as a marker after its children.
  const END_BLOCK = null;
  const roots = root === undefined ? $.root().toArray() : Array.isArray(root) ? root : [root];
  const stack: (AnyNode | typeof END_BLOCK)[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === END_BLOCK) {
      breakParagraph();
      continue;
    }
    if (node === undefined) break;
    // domhandler's ElementType enum is not importable as a type-only value; compare its string values.
    const type = node.type as string;
    if (type === 'text') {
      line += (node as Text).data;
      continue;
    }
    if (type === 'tag' || type === 'script' || type === 'style') {
      const element = node as Element;
      const name = element.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === 'br') {
        breakParagraph();
        continue;
      }
      const block = BLOCK.has(name);
      if (block) {
        breakParagraph();
        stack.push(END_BLOCK);
      }
      for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i] as AnyNode);
      continue;
    }
    if (type === 'root') {
      const children = (node as DomRoot).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode);
    }
  }
  breakParagraph();
  return paragraphs.join('\n\n');
}
