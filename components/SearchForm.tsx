import { getDictionary } from '@/lib/i18n';
import { searchUrl, suggestUrl } from '@/lib/routing/urls';
import { SearchInput } from './SearchInput';

/** How the results page is asked to order and scope results; absent in the sidebar widget. */
export interface SearchFormOptions {
  byDate: boolean;
  allLanguages: boolean;
}

/**
 * A plain GET form: it works with JavaScript off. With JavaScript, the box suggests articles as
 * the reader types.
 */
export function SearchForm({ lang, query = '', id, options }: { lang: string; query?: string; id: string; options?: SearchFormOptions }) {
  const dict = getDictionary(lang);
  return (
    <form className="search-form" role="search" action={searchUrl(lang)} method="get">
      <div className="search-row">
        <label htmlFor={id} className="visually-hidden">
          {dict.search}
        </label>
        <SearchInput
          id={id}
          name="q"
          defaultValue={query}
          placeholder={dict.searchPlaceholder}
          listLabel={dict.searchSuggestions}
          endpoint={suggestUrl(lang, '')}
        />
        <button type="submit">{dict.search}</button>
      </div>
      {options ? (
        <div className="search-options">
          <label>
            {dict.searchSort}{' '}
            <select name="sort" defaultValue={options.byDate ? 'date' : 'relevance'}>
              <option value="relevance">{dict.searchByRelevance}</option>
              <option value="date">{dict.searchByDate}</option>
            </select>
          </label>
          <label>
            <input type="checkbox" name="all" value="1" defaultChecked={options.allLanguages} /> {dict.searchAllLanguages}
          </label>
        </div>
      ) : null}
    </form>
  );
}
