import { siteConfig } from '@/lib/config';
import en from './dictionaries/en';
import zhCN from './dictionaries/zh-CN';
import zhHK from './dictionaries/zh-HK';
import type { Dictionary } from './types';

export type { Dictionary } from './types';

/** One dictionary per language code of site.config.ts. */
const dictionaries: Record<string, Dictionary> = { en, 'zh-CN': zhCN, 'zh-HK': zhHK };

/** The dictionary of a language; a configured language without one falls back to the default's, then English. */
export function getDictionary(lang: string): Dictionary {
  return dictionaries[lang] ?? dictionaries[siteConfig.defaultLanguage] ?? en;
}

/** Fills "{name}" placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
