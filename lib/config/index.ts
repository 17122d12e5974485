import rawConfig from '@/site.config';
import { configDefaults } from './defaults';
import type { LanguageConfig, LocalizedText, SiteConfig, SiteConfigInput } from './types';

export type { SiteConfig, LanguageConfig, LocalizedText, PageType, SidebarPosition, MenuItem } from './types';

/** Throws at start-up on a configuration that cannot work, naming the key. */
export function validateSiteConfig(input: SiteConfigInput): SiteConfig {
  const config: SiteConfig = {
    ...input,
    sidebarRefresh: input.sidebarRefresh ?? configDefaults.sidebarRefresh,
    typographer: input.typographer ?? configDefaults.typographer,
    relatedArticles: input.relatedArticles ?? configDefaults.relatedArticles,
    sharedCache: { ...configDefaults.sharedCache, ...input.sharedCache },
    // The default map names only this site's languages.
    importLanguages:
      input.importLanguages ??
      Object.fromEntries(Object.entries(configDefaults.importLanguages).filter(([, to]) => input.languages.some((language) => language.code === to))),
  };
  const fail = (key: string, message: string): never => {
    throw new Error(`site.config.ts: ${key}: ${message}`);
  };
  if (config.languages.length === 0) fail('languages', 'at least one language is required');
  const codes = new Set<string>();
  for (const language of config.languages) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language.code)) {
      fail('languages', `"${language.code}" is not a language code like "en" or "zh-CN"`);
    }
    if (codes.has(language.code)) fail('languages', `"${language.code}" is listed twice`);
    codes.add(language.code);
  }
  if (!codes.has(config.defaultLanguage)) {
    fail('defaultLanguage', `"${config.defaultLanguage}" is not one of the languages`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
  } catch {
    fail('timeZone', `"${config.timeZone}" is not an IANA time zone`);
  }
  if (!Number.isInteger(config.pageSize) || config.pageSize < 1) fail('pageSize', 'must be a whole number above 0');
  if (!/^https?:\/\/[^/]+/.test(config.baseUrl)) fail('baseUrl', 'must be an absolute http(s) URL');
  if (!Number.isFinite(config.sidebarRefresh) || config.sidebarRefresh < 0) fail('sidebarRefresh', 'must be a number of seconds, 0 or more');
  if (!Number.isInteger(config.relatedArticles) || config.relatedArticles < 0 || config.relatedArticles > 20) {
    fail('relatedArticles', 'must be a whole number from 0 to 20');
  }
  for (const [from, to] of Object.entries(config.importLanguages)) {
    if (!codes.has(to)) fail('importLanguages', `"${from}" maps to "${to}", which is not one of the languages`);
  }
  for (const [key, value] of Object.entries(config.sharedCache)) {
    if (!Number.isInteger(value) || value < 0) fail(`sharedCache.${key}`, 'must be a whole number of seconds, 0 or more');
  }
  return { ...config, baseUrl: config.baseUrl.replace(/\/+$/, '') };
}

export const siteConfig: SiteConfig = validateSiteConfig(rawConfig);

/** Languages in their configured order. */
export const languages: readonly LanguageConfig[] = [...siteConfig.languages].sort((a, b) => a.order - b.order);

export function isLanguage(code: string): boolean {
  return languages.some((language) => language.code === code);
}

export function languageName(code: string): string {
  return languages.find((language) => language.code === code)?.name ?? code;
}

/** Picks the text for a language, falling back to the default language, then to any value. */
export function localize(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text[siteConfig.defaultLanguage] ?? Object.values(text)[0] ?? '';
}
