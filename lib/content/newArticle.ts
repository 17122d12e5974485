import { formatDate } from './dates';
import { termSlug } from './terms';

export interface NewArticleInput {
  title: string;
  lang: string;
  source: string;
  /** URL name of the file; from the title when not given. */
  slug?: string;
  now: number;
  timeZone: string;
  sidebar: 'left' | 'right' | false;
  widgets: readonly string[];
}

const yamlString = (value: string) => JSON.stringify(value);

/** The content-relative path of a new article, in the corpus's layout. */
export function newArticlePath(input: Pick<NewArticleInput, 'title' | 'lang' | 'source' | 'slug' | 'now'>): string {
  // Titles of punctuation alone still get a name: the time of writing.
  const slug = input.slug?.trim() || termSlug(input.title).replace(/^term-.*/, '') || String(Math.floor(input.now / 1000));
  return `${input.lang}/news/${termSlug(input.source)}/${slug}.${input.lang}.md`;
}

/** Fills the archetype's {{placeholders}}; values are written as YAML. */
export function fillArchetype(archetype: string, input: NewArticleInput): string {
  const values: Record<string, string> = {
    title: JSON.stringify(input.title).slice(1, -1),
    date: formatDate(input.now, 'YYYY-MM-DD HH:mm:ss', input.timeZone),
    lang: input.lang,
    source: input.source,
    sidebar: input.sidebar === false ? 'false' : yamlString(input.sidebar),
    widgets: input.widgets.map((name) => `  - ${yamlString(name)}`).join('\n'),
  };
  return archetype.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}
