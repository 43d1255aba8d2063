import { LineCounter, Parser } from 'yaml';

/** Where a YAML text nests deeper than a limit: the offset of the first collection past it. */
export interface TooDeep {
  /** 1-based, where the collection past the limit starts. */
  line: number;
  column: number;
  limit: number;
}

interface CstNode {
  offset?: number;
  value?: CstNode;
  items?: Array<{ key?: CstNode | null; value?: CstNode | null }>;
}

/**
 * The first collection (mapping or sequence, block or flow) nested deeper than `limit`, or undefined. `yaml`'s
 * composer recurses once per level, so `[[[[…` a few thousand deep ends in "Maximum call stack size exceeded";
 * its CST parser does not recurse, and this walk over the CST uses an explicit stack, so any depth is measured in
 * linear time before anything recursive sees the text.
 */
export function yamlTooDeep(text: string, limit: number): TooDeep | undefined {
  const stack: Array<{ node: CstNode; depth: number }> = [];
  const lines = new LineCounter();
  for (const token of new Parser(lines.addNewLine).parse(text)) {
    const document = token as CstNode;
    if (document.value) stack.push({ node: document.value, depth: 0 });
  }
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: CstNode; depth: number };
    if (!node.items) continue;
    if (depth + 1 > limit) {
      const { line, col } = lines.linePos(node.offset ?? 0);
      return { line, column: col, limit };
    }
    for (const item of node.items) {
      if (item.key) stack.push({ node: item.key, depth: depth + 1 });
      if (item.value) stack.push({ node: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}
