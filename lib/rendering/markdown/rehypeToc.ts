import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

export interface TocEntry {
  depth: 2 | 3;
  id: string;
  text: string;
}

/** Collects h2 and h3 headings (after rehype-slug gave them ids) into file.data.toc. */
export function rehypeToc() {
  return (tree: Root, file: VFile) => {
    const toc: TocEntry[] = [];
    visit(tree, 'element', (node: Element) => {
      if ((node.tagName === 'h2' || node.tagName === 'h3') && typeof node.properties.id === 'string') {
        const text = toString(node).trim();
        if (text) toc.push({ depth: node.tagName === 'h2' ? 2 : 3, id: node.properties.id, text });
      }
    });
    file.data.toc = toc;
  };
}
