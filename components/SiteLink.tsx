import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * next/link without prefetching in the viewport. A list page shows dozens of links; fetching
 * every one of them ahead costs a phone more main-thread time and data than the quicker
 * navigation saves. A link is still prefetched when it is hovered or touched.
 */
export function SiteLink(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
