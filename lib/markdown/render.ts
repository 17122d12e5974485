import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rehypeMediaPolicy, type MediaPolicyOptions } from './rehypeMediaPolicy';
import { sanitizeSchema } from './sanitizeSchema';

function createProcessor(options: MediaPolicyOptions) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // Raw HTML in feed-converted bodies is parsed, then made safe by the sanitizer below.
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeRaw)
      .use(rehypeSanitize, sanitizeSchema)
      // Trusted plugins only after this point (the rehype-sanitize rule).
      .use(rehypeMediaPolicy, options)
      .use(rehypeStringify)
      .freeze()
  );
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/** Markdown (GFM) to sanitized HTML. Never throws on odd input: it is text, at worst. */
export async function renderMarkdown(markdown: string, options: MediaPolicyOptions = {}): Promise<string> {
  const cacheKey = options.siteOrigin ?? '';
  let processor = processors.get(cacheKey);
  if (!processor) {
    processor = createProcessor(options);
    processors.set(cacheKey, processor);
  }
  return String(await processor.process(markdown));
}
