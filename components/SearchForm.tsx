import { getDictionary } from '@/lib/i18n';
import { searchUrl } from '@/lib/urls';

/** A plain GET form: it works with JavaScript off. */
export function SearchForm({ lang, query = '', id }: { lang: string; query?: string; id: string }) {
  const dict = getDictionary(lang);
  return (
    <form className="search-form" role="search" action={searchUrl(lang)} method="get">
      <label htmlFor={id} className="visually-hidden">
        {dict.search}
      </label>
      <input id={id} type="search" name="q" defaultValue={query} placeholder={dict.searchPlaceholder} maxLength={200} />
      <button type="submit">{dict.search}</button>
    </form>
  );
}
