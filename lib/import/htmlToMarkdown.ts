import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

const TRACKER_PATH = /\/pixel|\/track|\/beacon|feedburner\.com\/~r|\/open\.gif/i;
const GIF_QUERY = /\.gif\?/i;
const TRACKING_WORD = /utm|track/i;

/**
 * A `.gif?` address with `utm` or `track` after it on its line: what `/\.gif\?.*(?:utm|track)/i`
 * found, without its scan to the end of the line from every `.gif?` in it.
 */
function isTrackedGif(src: string): boolean {
  return src.split(/[\n\r\u2028\u2029]/).some((line) => {
    const gif = line.search(GIF_QUERY);
    return gif >= 0 && TRACKING_WORD.test(line.slice(gif + 5));
  });
}

/** A 1×1 image or a known tracker's: counts readers, shows nothing. */
function isTrackingImage(node: Element): boolean {
  const { width, height, src } = node.properties;
  const tiny = (value: unknown) => value !== undefined && Number(value) <= 1;
  const address = String(src ?? '');
  return (tiny(width) && tiny(height)) || TRACKER_PATH.test(address) || isTrackedGif(address);
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
