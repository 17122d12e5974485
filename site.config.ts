import { defineSiteConfig } from './lib/config/types';

/**
 * The site's configuration: the counterpart of Hugo's config.toml.
 * Every key is described in the README ("Configuration").
 */
export default defineSiteConfig({
  title: 'Broadsheet',
  subtitle: {
    en: 'News in three languages',
    'zh-CN': '三种语言的新闻',
    'zh-HK': '三種語言的新聞',
  },
  description: {
    en: 'A demo newsroom: articles written in Markdown, served in English, Simplified and Traditional Chinese.',
    'zh-CN': '演示新闻站：用 Markdown 写作，以英文、简体中文和繁体中文发布。',
    'zh-HK': '示範新聞站：以 Markdown 寫作，用英文、簡體中文及繁體中文發佈。',
  },
  baseUrl: 'http://localhost:3000',
  languages: [
    { code: 'en', name: 'English', order: 1 },
    { code: 'zh-CN', name: '中文简体', order: 2 },
    { code: 'zh-HK', name: '中文繁體', order: 3 },
  ],
  defaultLanguage: 'en',
  timeZone: 'Asia/Shanghai',
  pageSize: 10,
  dateFormat: { en: 'YYYY-MM-DD HH:mm', 'zh-CN': 'YYYY年MM月DD日 HH:mm', 'zh-HK': 'YYYY年MM月DD日 HH:mm' },
  postMeta: ['date', 'categories', 'translations'],
  readMore: true,
  thumbnailVisibility: { list: true, post: true },
  // comments: { provider: 'giscus', repo: 'owner/repo', repoId: '…', category: 'Comments', categoryId: '…' },
  sidebar: { home: 'right', list: 'right', single: 'right' },
  widgets: ['search', 'recent', 'categories', 'taglist', 'languages'],
  recentCount: 10,
  widgetSettings: {
    categories: { counts: true },
    taglist: { counts: false, limit: 20 },
  },
  social: [
    { name: 'GitHub', url: 'https://github.com/' },
    { name: 'Mastodon', url: 'https://mastodon.social/' },
  ],
  highlightColor: '#e22d30',
  author: {
    name: 'The Broadsheet Desk',
    bio: {
      en: 'Editors who turn the day’s feeds into readable pages.',
      'zh-CN': '把每天的新闻源整理成易读页面的编辑部。',
      'zh-HK': '把每天的新聞源整理成易讀頁面的編輯部。',
    },
    avatar: '/images/avatar.svg',
  },
  menus: {
    main: [
      { label: { en: 'Home', 'zh-CN': '首页', 'zh-HK': '首頁' }, href: '/' },
      { label: { en: 'Categories', 'zh-CN': '分类', 'zh-HK': '分類' }, href: '/categories' },
      { label: { en: 'Tags', 'zh-CN': '标签', 'zh-HK': '標籤' }, href: '/tags' },
    ],
    side: [],
    footer: [],
  },
  // Nothing ahead of time: builds take the same time for 30 articles or 30,000.
  prerender: { lists: false, articlesPerLanguage: 0, termsPerTaxonomy: 0 },
});
