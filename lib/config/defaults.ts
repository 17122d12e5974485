/** Defaults of the configuration keys site.config.ts may leave out (read by next.config.ts too, so free of imports). */
export const configDefaults = {
  sidebarRefresh: 300,
  typographer: true,
  relatedArticles: 5,
  sharedCache: { lists: 2, pages: 300, staleWhileRevalidate: 86_400 },
  importLanguages: { 'en-US': 'en', 'en-GB': 'en', 'zh-TW': 'zh-HK', 'zh-Hant': 'zh-HK', 'zh-Hans': 'zh-CN', zh: 'zh-CN' } as Record<string, string>,
};
