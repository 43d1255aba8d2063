import type { DomDocument, DomElement } from './dom';

// The page's elements in document order, as `querySelectorAll('*')` lists them, from a walk over `children`:
// linkedom hands every selector to css-select, which parses and compiles it and then visits the tree through its
// adapter, and a walk needs none of that. An explicit stack, not recursion: the depth comes from the page.

/** A document or an element: what has element children. */
type DomParent = Pick<DomDocument, 'children'>;

/** Calls `visit` with each element under `root` and its depth (its children's is 1), in document order. */
function walk(root: DomParent, visit: (element: DomElement, depth: number) => void): void {
  const stack: [DomElement, number][] = [];
  const pushChildren = (children: ArrayLike<DomElement>, depth: number): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as DomElement, depth]);
  };
  pushChildren(root.children, 1);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [element, depth] = next;
    visit(element, depth);
    pushChildren(element.children, depth + 1);
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
