import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A 1×1 image or a known tracker's: counts readers, shows nothing. */
function isTrackingImage(node: Element): boolean {
  const { width, height, src } = node.properties;
  const tiny = (value: unknown) => value !== undefined && Number(value) <= 1;
  return (tiny(width) && tiny(height)) || /(?:\/pixel|\/track|\/beacon|feedburner\.com\/~r|\/open\.gif|\.gif\?.*(?:utm|track))/i.test(String(src ?? ''));
}

function rehypeDropTrackers() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'img' && isTrackingImage(node) && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      return undefined;
    });
  };
}

/*
 * Upstream HTML to Markdown through the unified ecosystem the site renders with: parsed as a
 * fragment (broken markup is repaired the way browsers do), tracking pixels dropped, sanitized by
 * GitHub's schema (no script, style, iframe, event handler or javascript: URL survives), then
 * written as GitHub-flavoured Markdown.
 */
const processor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeDropTrackers)
  // Elements dropped with what they hold, not just their tags: a style sheet's text is no prose.
  .use(rehypeSanitize, { ...defaultSchema, strip: ['script', 'style', 'iframe', 'noscript', 'template', 'object', 'embed', 'svg', 'math'] })
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true });

export function htmlToMarkdown(html: string): string {
  if (!html.trim()) return '';
  return String(processor.processSync(html)).trim();
}
