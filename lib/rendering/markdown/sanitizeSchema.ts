import { defaultSchema } from 'rehype-sanitize';
import type { Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * GitHub's schema (no script, style, event handlers or javascript: URLs), widened only for what
 * news bodies need: data: image sources (feed converters inline images as base64), which
 * rehypeMediaPolicy narrows to real image types afterwards.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    src: [...(defaultSchema.protocols?.src ?? ['http', 'https']), 'data'],
  },
};
