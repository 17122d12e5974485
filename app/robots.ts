import type { MetadataRoute } from 'next';
import { languages, siteConfig } from '@/lib/config';
import { newsSitemapPath } from '@/lib/rendering/sitemap/newsSitemap';
import { absoluteUrl } from '@/lib/routing/urls';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/api/'] },
    // The index lists the news sitemaps too; naming them here lets crawlers find them first.
    sitemap: ['/sitemap.xml', ...languages.map(({ code }) => newsSitemapPath(code))].map((path) => absoluteUrl(siteConfig.baseUrl, path)),
  };
}
