import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostgresStore } from '@/lib/store/postgres';
import { loadCatalog, type TestCatalog } from '../helpers/catalog';
import { newPostgresStore, postgresCluster, storeOptions, syncInto } from '../helpers/postgresStore';
import { publishedByPostgres, publishedBySqlite } from '../helpers/storeParity';
import { corpusShaped, TempContent } from '../helpers/tempContent';
import { writeContractFolder } from './fixtures';
import { RelatedArticles } from '@/lib/search/relatedArticles';
import { Fts5Index } from '@/lib/store/sqlite/fullText';
import { PostgresFullText } from '@/lib/store/postgres/fullText';
import { walkLength } from '@/lib/store/postgres/titleProbe';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const { missing } = postgresCluster();
const now = Date.parse('2026-01-01T00:00:00Z');
const dated = (title: string, date: string, extra: Record<string, string> = {}) => corpusShaped({ title: `"${title}"`, date: `"${date}"`, ...extra });

let content: TempContent;
let store: PostgresStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  content?.remove();
});

/** A folder with every case the writers decide: duplicates, drafts, future dates, broken files, terms spelled two ways, menus, three languages. */
function messyFolder(): TempContent {
  return writeContractFolder(new TempContent())
    .write('en/dup/a.md', dated('Dup by path, first', '2025-01-01', { tags: '["Rates", "rates", "RATES"]' }))
    .write('en/dup/a.en.md', dated('Dup by path, wins', '2025-01-01'))
    .write('en/dup/b/index.md', dated('Live one', '2025-01-02'))
    .write('en/dup/b.md', dated('Embargoed copy', '2027-01-01'))
    .write('en/dup/b.en.md', dated('Draft copy', '2025-01-02', { draft: 'true' }))
    .write('en/broken.md', '---\ntitle: [unclosed\n---\n')
    .write('en/nodate.md', '---\ntitle: "No date"\n---\nText.\n')
    .write('en/noyaml.md', '# A heading title\n\nBody only.\n')
    .write('en/same-second-1.md', dated('Same second one', '2025-02-02 02:02:02', { categories: '["Central Banks"]' }))
    .write('en/same-second-2.md', dated('Same second two', '2025-02-02 02:02:02', { categories: '["central banks"]', menu: '"main"' }))
    .write('zh-HK/新聞/峰會.md', dated('峰會開幕', '2025-03-09', { tags: '["人工智能"]' }))
    .write('search/x.md', dated('Reserved path', '2025-01-01'));
}

describe.skipIf(missing)('the postgres writer beside the SQLite catalog writer', () => {
  it('publishes what the SQLite catalog publishes for the same folder, through edits, breaks, fixes and deletions', async () => {
    content = messyFolder();
    const sqlite: TestCatalog = await loadCatalog(content.dir, { now: () => now });
    store = await newPostgresStore('parity');
    const sync = () =>
      syncInto(
        store!,
        content.dir,
        storeOptions(() => now, { allowDeletions: true }),
      );
    await sync();
    const compare = async () => expect(await publishedByPostgres(store!.pool)).toEqual(publishedBySqlite(sqlite.db));
    await compare();

    // A published file broken (held), a duplicate's owner removed, a term renamed by a newer article, a draft published.
    content.write('en/news/rates.md', '---\ntitle: Central bank: [\n---\nBroken.\n');
    rmSync(path.join(content.dir, 'en/dup/a.en.md'));
    content.write('en/late.md', dated('Late', '2025-12-01', { categories: '["MARKETS"]' }));
    content.write('en/news/draft.md', dated('No longer a draft', '2025-03-04'));
    await sqlite.writer.reconcile();
    await sync();
    await compare();

    // The held file fixed, then deleted; the whole dup folder gone.
    content.write('en/news/rates.md', dated('Central bank holds rates again', '2025-03-01 10:00:00'));
    await sqlite.writer.reconcile();
    await sync();
    await compare();
    rmSync(path.join(content.dir, 'en/news/rates.md'));
    rmSync(path.join(content.dir, 'en/dup'), { recursive: true });
    await sqlite.writer.reconcile();
    await sync();
    await compare();
  });
});

describe.skipIf(missing)('related articles on postgres beside the SQLite catalog', () => {
  it('relates the same articles, whether it walks the newest titles or asks the index', async () => {
    // 480 articles, each title a few words of a vocabulary from common (every other title) to
    // rare (one in sixty), so windows fill from the newest titles for some articles and need the
    // index for others; Chinese pairs too.
    const words = ['harbour', 'council', 'ferry', 'budget', 'lighthouse', 'tram', 'orchard', 'glacier'];
    const every = [2, 3, 5, 8, 13, 21, 34, 60];
    const han = ['港口', '議會', '渡輪'];
    content = new TempContent();
    for (let i = 0; i < 480; i++) {
      const chosen = words.filter((_, w) => i % every[w]! === w % every[w]!);
      const date = `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
      content.write(`en/n/s${i}.md`, dated(`${chosen.join(' ')} story${i}`, date, { summary: `"${words[i % words.length]} news"` }));
      if (i % 4 === 0) {
        content.write(`zh-HK/n/s${i}.md`, dated(`${han.filter((_, h) => i % (h + 2) === 0).join('')}新聞${i}`, date, { lang: '\n  - "zh-HK"' }));
      }
    }
    const sqlite: TestCatalog = await loadCatalog(content.dir, { now: () => now });
    store = await newPostgresStore('related');
    await syncInto(
      store,
      content.dir,
      storeOptions(() => now),
    );
    // The statistics that tell common words from rare ones.
    await store.pool.query('ANALYZE titles');
    const fromSqlite = new RelatedArticles(new Fts5Index(sqlite.searchDb, sqlite.db));
    // As the store chooses (at this size, the index: walking costs more than its few matches),
    // then walking the newest titles first whatever the words (falling back to the index when
    // the walk comes short), as it does for common words at a million articles.
    for (const walk of [walkLength, () => 300]) {
      const fromPostgres = new RelatedArticles(new PostgresFullText(store.pool, walk));
      const asked = vi.spyOn(store.pool, 'query');
      let compared = 0;
      for (const [lang, count] of [
        ['en', 480],
        ['zh-HK', 120],
      ] as const) {
        for (const meta of await store.catalog.articles(lang, 0, count)) {
          const pgId = (await store.catalog.idOf(meta))!;
          const liteMeta = sqlite.index.article(meta.lang, meta.slug)!;
          const liteId = sqlite.index.idOf(liteMeta)!;
          const pgRelated = (await store.catalog.byIds(await fromPostgres.find({ id: pgId, lang, title: meta.title, summary: meta.summary ?? '' }, 5))).map(
            (a) => a.key,
          );
          const liteRelated = sqlite.index
            .byIds(await fromSqlite.find({ id: liteId, lang, title: liteMeta.title, summary: liteMeta.summary ?? '' }, 5))
            .map((a) => a.key);
          expect(pgRelated, meta.key).toEqual(liteRelated);
          if (pgRelated.length > 0) compared++;
        }
      }
      expect(compared).toBeGreaterThan(250);
      const names = asked.mock.calls.map(([config]) => (config as { name?: string }).name);
      asked.mockRestore();
      const walked = names.filter((name) => name === 'titles_ids_probe').length;
      expect(walk === walkLength ? walked === 0 : walked > 500, `${walked} walks`).toBe(true);
      expect(names.filter((name) => name === 'search_ids').length).toBeGreaterThan(50);
    }
  });
});
