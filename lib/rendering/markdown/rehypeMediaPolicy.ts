import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { isOtherHost } from '@/lib/routing/urls';

const JUNK_SOURCES = new Set(['', 'none', 'null', 'undefined', '#']);
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,/i;

export interface MediaPolicyOptions {
  /** The site's own origin; images elsewhere are fetched without a Referer. */
  siteOrigin?: string;
  /** Sponsored content: links to other sites are marked rel="sponsored" as well. */
  sponsored?: boolean;
}

/**
 * Runs after sanitizing (it only removes or adds safe attributes):
 * - drops images with no usable source (`![]()`, `![](None)`, schemes the sanitizer removed,
 *   data: URIs that are not images), so a reader never sees a broken-image box;
 * - upgrades protocol-relative URLs to https;
 * - loads images lazily and, for other hosts, with no Referer: many news image hosts refuse
 *   hotlinks that carry one;
 * - opens no window.opener to linked sites, and marks links in sponsored content as such.
 */
export function rehypeMediaPolicy(options: MediaPolicyOptions = {}) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const props = node.properties;
      if (node.tagName === 'img') {
        let src = typeof props.src === 'string' ? props.src.trim() : '';
        if (src.startsWith('//')) src = `https:${src}`;
        const junk = JUNK_SOURCES.has(src.toLowerCase()) || (src.startsWith('data:') && !DATA_IMAGE.test(src));
        if (junk && parent && index !== undefined) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        props.src = src;
        props.loading = 'lazy';
        props.decoding = 'async';
        if (isOtherHost(src, options.siteOrigin)) props.referrerPolicy = 'no-referrer';
      } else if (node.tagName === 'a' && typeof props.href === 'string') {
        if (props.href.startsWith('//')) props.href = `https:${props.href}`;
        if (isOtherHost(props.href, options.siteOrigin)) props.rel = options.sponsored ? ['sponsored', 'noopener', 'noreferrer'] : ['noopener', 'noreferrer'];
      }
      return undefined;
    });
  };
}
