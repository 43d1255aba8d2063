import type { DomDocument, DomElement } from './dom';

// The page's elements in document order, as `querySelectorAll('*')` lists them, from a walk over the element
// siblings: linkedom hands every selector to css-select, which parses and compiles it and then visits the tree
// through its adapter, and a walk needs none of that. The walk steps with firstElementChild and nextElementSibling
// rather than reading `children`, which linkedom builds as a new NodeList (an Array subclass) on every read. No
// recursion: the depth comes from the page.

/** A document or an element: what has element children. */
type DomParent = Pick<DomDocument, 'firstElementChild'>;

/**
 * Calls `visit` with each element under `root` and its depth (its children's is 1), in document order. `visit` must
 * not move or remove elements: the walk goes on from the element it was given.
 */
function walk(root: DomParent, visit: (element: DomElement, depth: number) => void): void {
  let element = root.firstElementChild;
  let depth = 1;
  while (element) {
    visit(element, depth);
    const child = element.firstElementChild;
    if (child) {
      element = child;
      depth++;
      continue;
    }
    // Up to the nearest ancestor (or the element itself) with a next sibling, stopping at the root.
    let next: DomElement | null = element.nextElementSibling;
    while (!next) {
      const parent: DomElement | null = element.parentElement;
      if (!parent || parent === root) return;
      element = parent;
      depth--;
      next = element.nextElementSibling;
    }
    element = next;
  }
}

/** Every element of the document, in document order. */
export function pageElements(document: DomDocument): DomElement[] {
  const elements: DomElement[] = [];
  walk(document, (element) => elements.push(element));
  return elements;
}

/** The nesting depth of the document's deepest element. */
export function documentDepth(document: DomDocument): number {
  let deepest = 0;
  walk(document, (_, depth) => {
    if (depth > deepest) deepest = depth;
  });
  return deepest;
}

/**
 * The elements under `root` (not `root` itself) whose tag is one of `names` (lowercase), in document order: what
 * `root.querySelectorAll(names.join(','))` gives in an HTML document, where tag names match whatever their case (an
 * element made with createElement('P') is named "P" by linkedom).
 */
export function descendantsNamed(root: DomParent, names: ReadonlySet<string>): DomElement[] {
  const found: DomElement[] = [];
  walk(root, (element) => {
    if (names.has(element.localName.toLowerCase())) found.push(element);
  });
  return found;
}
