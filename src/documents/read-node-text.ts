import type { Nodes } from 'mdast';

/** mdast-util-to-string's toString without recursion: the text of a node and everything under it. */
export function readNodeText(root: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // The same rules as mdast-util-to-string: a value, else an image's alt, else the children.
    if ('value' in node && typeof node.value === 'string') parts.push(node.value);
    else if ('alt' in node && node.alt) parts.push(node.alt);
    else if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}
