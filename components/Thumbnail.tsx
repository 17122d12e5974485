import { SiteLink as Link } from '@/components/SiteLink';
import { siteConfig } from '@/lib/config';
import type { Thumbnail as ThumbnailData } from '@/lib/content';
import { isOtherHost } from '@/lib/routing/urls';

/**
 * The article's image. Plain <img> rather than next/image: news images come from any host, and
 * those hosts refuse hotlinks that send a Referer, so external images go out with none.
 */
export function Thumbnail({ thumbnail, alt, href, eager = false }: { thumbnail: ThumbnailData; alt: string; href?: string; eager?: boolean }) {
  const image = (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      className="thumbnail-image"
      src={thumbnail.src}
      alt={alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      referrerPolicy={isOtherHost(thumbnail.src, siteConfig.baseUrl) ? 'no-referrer' : undefined}
    />
  );
  return (
    <figure className="thumbnail">
      {href ? (
        <Link href={href} tabIndex={-1} aria-hidden="true">
          {image}
        </Link>
      ) : (
        image
      )}
    </figure>
  );
}
