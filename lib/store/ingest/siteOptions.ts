import { languages, siteConfig } from '@/lib/config';
import { widgetNames } from '@/lib/config/widgetNames';
import type { WriterOptions } from '@/lib/store/sqlite/catalogWriter';

/**
 * How this site's catalog reads files: its languages, default language, time zone and widget
 * names. The server, `npm run check` and the tests all take them from here, so a file cannot be
 * read one way by the checker and another by the server.
 */
export function siteCatalogOptions(preview: boolean): Omit<WriterOptions, 'now'> {
  return {
    languages: languages.map((language) => language.code),
    defaultLanguage: siteConfig.defaultLanguage,
    timeZone: siteConfig.timeZone,
    widgetNames,
    preview,
  };
}
