import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

// Several cleaning steps ask, of every element, whether it holds a block of some kind (is it a leaf paragraph, or
// a box of them?). Searching each element's subtree answers that in time growing with depth × size; one backward
// pass over the elements in document order answers it for all of them at once, children coming after their parent.

/** Every element of the parsed result, in document order. */
export function elementsOf($: CheerioAPI): Element[] {
  return $('*').toArray() as Element[];
}

/** The nodes (of `elements`, in document order) that hold, at any depth, an element whose tag is in `tags`. */
export function holdersOf(elements: readonly Element[], tags: ReadonlySet<string>): Set<object> {
  const holders = new Set<object>();
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i] as Element;
    if (element.parent && (tags.has(element.name) || holders.has(element))) holders.add(element.parent);
  }
  return holders;
}
