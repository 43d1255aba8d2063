import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { DomDocument, DomElement } from '#lib/ingest/html/dom';
import { descendantsNamed } from '#lib/ingest/html/page-elements';
import { TagWalkingReadability } from '#lib/ingest/html/readability';

const root = new URL('../../../', import.meta.url);
const PAGES = [
  'examples/solar-sail.html',
  'examples/long-article.html',
  'test/eval/inputs/solar-cooperative.html',
  'test/fixtures/docs/ferrybox-backups.html',
  'test/fixtures/ingest/news-with-chrome.html',
].map((path) => readFileSync(new URL(path, root), 'utf8'));

const parse = (html: string): DomDocument =>
  (parseHTML(html) as unknown as { document: DomDocument }).document;

describe('TagWalkingReadability', () => {
  it('replaces the method Readability looks elements up by tag with, and Readability calls it', () => {
    expect(typeof (Readability.prototype as unknown as Record<string, unknown>)._getAllNodesWithTag).toBe(
      'function',
    );
    let calls = 0;
    class Counting extends TagWalkingReadability {
      override _getAllNodesWithTag(node: DomElement, tagNames: readonly string[]): DomElement[] {
        calls++;
        return super._getAllNodesWithTag(node, tagNames);
      }
    }
    expect(new Counting(parse(PAGES[0] as string)).parse()?.textContent).toContain('solar sail');
    expect(calls).toBeGreaterThan(10);
  });

  it('finds what querySelectorAll finds, in the same order, whatever the case of the tag names', () => {
    for (const html of PAGES) {
      const document = parse(html);
      const body = document.body as DomElement;
      // Readability renames elements with createElement('P'), which linkedom names in capitals.
      const renamed = (document as unknown as { createElement(name: string): DomElement }).createElement('P');
      (body as unknown as { appendChild(node: DomElement): void }).appendChild(renamed);
      for (const tags of [['p'], ['a'], ['h1', 'h2'], ['img', 'picture', 'figure'], ['ul', 'ol'], ['div']]) {
        for (const from of [document as unknown as DomElement, body]) {
          const found = descendantsNamed(from, new Set(tags));
          const selected = Array.from(from.querySelectorAll(tags.join(',')));
          expect(found).toHaveLength(selected.length);
          found.forEach((element, i) => expect(element).toBe(selected[i]));
        }
      }
    }
  });

  it('gives the article plain Readability gives, on every page the project ships', () => {
    for (const html of PAGES) {
      const plain = new Readability(parse(html), { keepClasses: true }).parse();
      const walking = new TagWalkingReadability(parse(html), {
        keepClasses: true,
        serializer: (node) => (node as unknown as { innerHTML: string }).innerHTML as never,
      }).parse();
      expect(walking?.content).toBe(plain?.content);
      expect(walking?.title).toBe(plain?.title);
    }
  });
});
