import { siteConfig } from '@/lib/config';
import { contentDir } from '@/lib/content/contentDir';
import type { ArticleMeta } from '@/lib/content/types';
import { typesetArticle } from '@/lib/rendering/markdown/typography';
import { SearchAdmission } from '@/lib/search/admission';
import { ArticleSearch, type SearchRequest, type SearchResponse } from '@/lib/search/articleSearch';
import { RelatedArticles } from '@/lib/search/relatedArticles';
import { parseQuery } from '@/lib/search/tokenize';
import { siteCatalogOptions } from '@/lib/store/ingest/siteOptions';
import { watchSettings } from '@/lib/store/ingest/watchSettings';
import { deferred } from '../deferred';
import type { CatalogReader, ChangeFeed, ChangeRecord, ContentStore, SearchService } from '../types';
import { StoreUnavailable } from '../unavailable';
import { isConnectionError } from './connection';
import { FolderFollower } from './folderFollower';
import { openPostgresStore, type PostgresStore } from './index';

/** Searches at once: PostgreSQL runs them in its own processes, and the server's thread renders their pages. */
const SEARCH_PLACES = 2;
const SEARCH_QUEUE = 8;

const isBuild = () => process.env.NEXT_PHASE === 'phase-production-build';

/** An engine's connection errors as StoreUnavailable; every other error as it is. */
const unavailable = (error: unknown) => (isConnectionError(error) ? new StoreUnavailable((error as Error).message) : error);

/**
 * The PostgreSQL engine as the site uses it: one store every instance shares. Opened on first
 * use (its schema migrated); reads go to a pool of connections; searches run in PostgreSQL,
 * admitted as everywhere (lib/search/admission.ts); the change feed listens for every instance's
 * changes. A server with the content folder (not a build, not Vercel's functions) writes its
 * changes into the store, one instance at a time (FolderFollower).
 */
export function openPostgresContentStore(url: string): ContentStore {
  const present = siteConfig.typographer ? typesetArticle : undefined;
  const opening: Promise<PostgresStore> = openPostgresStore(url, {
    applicationName: 'broadsheet',
    present,
    onError: (message) => console.error(`[store] ${message}`),
  });
  // Nothing waits on it unawaited: each use awaits (and says) its own failure.
  opening.catch(() => undefined);
  const reader = deferred<CatalogReader>(
    opening.then((store) => store.catalog),
    unavailable,
  );
  const feed = deferred<Omit<ChangeFeed, 'onChange'>>(
    opening.then((store) => store.changes),
    unavailable,
  );
  const admission = new SearchAdmission(SEARCH_PLACES, SEARCH_QUEUE);
  const searching = opening.then((store) => new ArticleSearch(store.search, store.catalog));
  let related: RelatedArticles | undefined;
  const listeners = new Set<(record: ChangeRecord) => void>();
  void opening.then(
    (store) =>
      store.changes.onChange((record) => {
        related?.forget();
        for (const listener of listeners) listener(record);
      }),
    (error: unknown) => console.error(`[store] cannot open the PostgreSQL store: ${(error as Error).message}`),
  );

  const settings = watchSettings();
  const dir = contentDir();
  if (!isBuild() && !process.env.VERCEL && FolderFollower.shouldFollow(dir, settings.mode)) {
    void opening.then((store) =>
      new FolderFollower(url, store.pool, dir, { ...siteCatalogOptions(false), mode: settings.mode, pollMs: settings.pollMs }).start(),
    );
  }

  const search: SearchService = {
    admit: () => admission.admit(),
    release: (ticket) => admission.release(ticket),
    async search(request: SearchRequest, ticket?: string | null): Promise<SearchResponse> {
      if (parseQuery(request.query).length === 0) return { terms: [], total: 0, page: 1, totalPages: 1, results: [] };
      return admission
        .within(ticket, async () => (await searching).search(request))
        .catch((error: unknown) => {
          throw unavailable(error);
        });
    },
    async suggest(query: string, lang: string, limit: number): Promise<{ result: ArticleMeta[]; ms: number }> {
      if (parseQuery(query).length === 0) return { result: [], ms: 0 };
      return admission
        .within(undefined, async () => {
          const started = performance.now();
          return { result: await (await searching).suggest(query, lang, limit), ms: performance.now() - started };
        })
        .catch((error: unknown) => {
          throw unavailable(error);
        });
    },
  };

  return Object.assign(reader, {
    engine: 'postgres' as const,
    ready: opening.then(() => undefined),
    search,
    async related(article: ArticleMeta, limit: number): Promise<ArticleMeta[]> {
      if (limit <= 0) return [];
      try {
        const store = await opening;
        const id = await store.catalog.idOf(article);
        if (id === undefined) return [];
        related ??= new RelatedArticles(store.search);
        return store.catalog.byIds(await related.find({ id, lang: article.lang, title: article.title, summary: article.summary }, limit));
      } catch (error) {
        throw unavailable(error);
      }
    },
    position: () => feed.position(),
    changesSince: (seq: number) => feed.changesSince(seq),
    onChange(listener: (record: ChangeRecord) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}
