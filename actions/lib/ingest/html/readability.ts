import { Readability } from '@mozilla/readability';
import type { DomElement, DomNode } from './dom';
import { descendantsNamed } from './page-elements';

/**
 * Readability, finding elements by tag without selectors. Readability 0.6 looks elements up by tag with
 * `node.querySelectorAll(tags.join(','))` some twenty times a page, and again for every candidate it cleans; linkedom
 * hands each call to css-select, which parses and compiles the selector anew and walks the tree through its adapter.
 * Every such call is a plain list of tag names, so the same elements in the same order come from a walk
 * (descendantsNamed). The method is Readability's own (`_getAllNodesWithTag`, the one place it queries by tag);
 * test/unit/ingest/readability.test.ts checks that it is still there and still called.
 */
export class TagWalkingReadability extends Readability<DomNode> {
  _getAllNodesWithTag(node: DomElement, tagNames: readonly string[]): DomElement[] {
    return descendantsNamed(node, new Set(tagNames.map((name) => name.toLowerCase())));
  }
}
