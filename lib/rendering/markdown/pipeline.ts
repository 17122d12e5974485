import rehypeKatex from 'rehype-katex';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rehypeMediaPolicy } from './rehypeMediaPolicy';
import { rehypeToc, type TocEntry } from './rehypeToc';
import { sanitizeSchema } from './sanitizeSchema';
import { remarkTypography } from './typography';

export type { TocEntry } from './rehypeToc';

export interface RenderOptions {
  /** The site's own origin; images elsewhere are fetched without a Referer. */
  siteOrigin?: string;
  /** Render `$…$` and `$$…$$` as math (front matter `mathjax: true`), on the server with KaTeX. */
  math?: boolean;
  /** Typographic quotes, dashes and ellipses in the text (site.config `typographer`). */
  typographer?: boolean;
  /** Sponsored content (`type: sponsored`): links to other sites get rel="sponsored" (Google's mark for paid links). */
  sponsored?: boolean;
}

export interface RenderedBody {
  html: string;
  /** h2 and h3 headings with their anchors, for the table of contents. */
  toc: TocEntry[];
}

function createProcessor({ siteOrigin, math = false, typographer = false, sponsored = false }: RenderOptions) {
  // Typography after math is parsed, so `$…$` is a math node it does not touch.
  const markdown = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(math ? [remarkMath] : [])
    .use(typographer ? [remarkTypography] : []);
  const html = markdown
    // Raw HTML in feed-converted bodies is parsed, then made safe by the sanitizer below.
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    // Trusted plugins only after this point (the rehype-sanitize rule). Heading ids are added
    // here, unprefixed, so TOC anchors read #what-changed; ids from raw HTML were prefixed above.
    .use(rehypeSlug)
    .use(rehypeToc);
  // KaTeX's default output keeps MathML beside the HTML, so screen readers can read the math.
  const withMath = math ? html.use(rehypeKatex, { throwOnError: false, strict: false }) : html;
  return withMath.use(rehypeMediaPolicy, { siteOrigin, sponsored }).use(rehypeStringify).freeze();
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/** What tells one set of options' pipeline from another's. */
export const optionsKey = (options: RenderOptions) =>
  `${options.siteOrigin ?? ''}|${options.math ? 'math' : ''}|${options.typographer ? 'typographer' : ''}${options.sponsored ? '|sponsored' : ''}`;

/**
 * Markdown (GFM) to sanitized HTML and its headings, on the calling thread. Some text takes it
 * seconds per hundred kilobytes, and nesting thousands deep overflows its stack (a RangeError):
 * the site calls it only on a render thread (render.ts), which it can stop.
 */
export async function renderOnThisThread(markdown: string, options: RenderOptions = {}): Promise<RenderedBody> {
  const key = optionsKey(options);
  let processor = processors.get(key);
  if (!processor) {
    processor = createProcessor(options);
    processors.set(key, processor);
  }
  const file = await processor.process(markdown);
  return { html: String(file), toc: (file.data.toc as TocEntry[] | undefined) ?? [] };
}
