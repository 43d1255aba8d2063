import { Document, Element, Text } from 'domhandler';
import type { ChildNode, ParentNode } from 'domhandler';
import type { DomElement, DomNode, DomText } from './dom';

// Readability works on linkedom's DOM; the cleaning after it and the flattening to text work on domhandler's nodes
// through cheerio. Handing the result over node by node, rather than serializing it to HTML and parsing that
// again, saves a parse of the article and loading a second HTML parser (parse5, which cheerio's default entry
// brings). The copy is what a parser would build from the serialized markup: lowercase attribute names with the
// first of a repeated name kept, adjacent texts as one node, no empty texts, no comments (nothing reads them).

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function attributesOf(element: DomElement): Record<string, string> {
  const attributes: Record<string, string> = {};
  const list = element.attributes;
  for (let i = 0; i < list.length; i++) {
    const attribute = list[i];
    if (attribute === undefined) continue;
    const name = attribute.name.toLowerCase();
    if (!Object.hasOwn(attributes, name)) attributes[name] = attribute.value;
  }
  return attributes;
}

function append(parent: ParentNode, node: ChildNode): void {
  const previous = parent.children[parent.children.length - 1] ?? null;
  node.parent = parent;
  node.prev = previous;
  if (previous) previous.next = node;
  parent.children.push(node);
}

/**
 * The children of `from` (a linkedom node) copied into a new domhandler Document. An explicit stack, not recursion:
 * the depth comes from the page (extraction bounds it before Readability runs, but the walk need not rely on that).
 */
export function childrenAsDomhandler(from: DomNode): Document {
  const root = new Document([]);
  const stack: [DomNode, ParentNode][] = [[from, root]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [source, target] = next;
    for (let child = source.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        const data = (child as DomText).data;
        if (data === '') continue;
        const last = target.children[target.children.length - 1];
        if (last instanceof Text) last.data += data;
        else append(target, new Text(data));
      } else if (child.nodeType === ELEMENT_NODE) {
        const element = child as DomElement;
        const copy = new Element(element.localName.toLowerCase(), attributesOf(element));
        append(target, copy);
        stack.push([element, copy]);
      }
    }
  }
  return root;
}
