import type { MetadataRoute } from 'next';
import { siteConfig } from '@/lib/config';
import { absoluteUrl } from '@/lib/urls';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/api/'] },
    sitemap: absoluteUrl(siteConfig.baseUrl, '/sitemap.xml'),
  };
}
