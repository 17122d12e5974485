/*
 * The PostgreSQL store alone, without the site: a sync from empty into a new database, a second
 * sync with nothing changed, the store's size, and the reads the pages and the search make, each
 * timed over repeated calls (p50 / p99). Run with tsx:
 *
 *   npx tsx bench/postgresStore.ts --url postgres://…/postgres [--content ../shared/corpus/content] [--threads N]
 *
 * --url names a cluster: a database of its own is created in it (and dropped unless --keep).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgresStore, syncFolder } from '@/lib/store/postgres';
import { parseQuery } from '@/lib/search/tokenize';
import type { MatchQuery } from '@/lib/store/types';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    content: { type: 'string', default: '../shared/corpus/content' },
    threads: { type: 'string' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    'skip-sync': { type: 'boolean', default: false },
  },
});
if (!values.url) throw new Error('--url postgres://… (a cluster to create the benchmark database in) is required');

const options = {
  languages: ['en', 'zh-CN', 'zh-HK'],
  defaultLanguage: 'en',
  timeZone: 'Asia/Shanghai',
  preview: false,
  threads: values.threads === undefined ? undefined : Number(values.threads),
};

const name = values.database ?? `bench_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: values.url });
await admin.connect();
if (!values.database) await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(values.url);
url.pathname = `/${name}`;
const store = await openPostgresStore(url.toString(), { max: 4 });

const round = (n: number) => Math.round(n * 10) / 10;
const results: Record<string, unknown> = { content: values.content, database: name };

if (!values['skip-sync']) {
  let last = 0;
  const first = await syncFolder(store.url, store.pool, values.content, {
    ...options,
    onBatch: (_, report) => {
      if (report.read - last >= 10_000) {
        last = report.read;
        console.info(`  … ${report.read} read, ${report.written} written`);
      }
    },
  });
  results.syncFromEmpty = { ...first, problems: first.problems.length, filesPerSecond: Math.round(first.written / first.seconds) };
  console.info('sync from empty', results.syncFromEmpty);
  const second = await syncFolder(store.url, store.pool, values.content, options);
  results.secondSync = { ...second, problems: second.problems.length };
  console.info('second sync', results.secondSync);
}

const size = await store.pool.query<{ total: string; relname: string; bytes: string }>(
  `SELECT pg_size_pretty(pg_database_size(current_database())) AS total, c.relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS bytes
   FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 5`,
);
results.size = { database: size.rows[0]?.total, tables: Object.fromEntries(size.rows.map((row) => [row.relname, row.bytes])) };
console.info('store size', results.size);

async function timed(label: string, work: () => Promise<unknown>, times = 30): Promise<void> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] as number);
  (results.timings as Record<string, string>)[label] = `${p(0.5)} / ${p(0.99)}`;
  console.info(`${label}: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
}
results.timings = {};

const query = (text: string, lang?: string): MatchQuery => {
  const parts: MatchQuery[] = parseQuery(text).map((term) => {
    if (!term.han) return { token: term.stem };
    const chars = [...term.text];
    return chars.length === 1 ? { token: chars[0] as string } : { all: chars.slice(1).map((c, i) => ({ token: `${chars[i]}${c}` })) };
  });
  if (lang) parts.push({ lang });
  return { all: parts };
};

const { catalog, search } = store;
const total = await catalog.count('en');
const zhTotal = await catalog.count('zh-CN');
console.info(`articles: en ${total}, zh-CN ${zhTotal}, all ${await catalog.size()}`);
await timed('article by URL', async () => catalog.article('en', (await catalog.articles('en', 100, 1))[0]!.slug), 100);
await timed('list page 1 (10 articles)', () => catalog.articles('en', 0, 10));
await timed(`list page ${Math.floor(total / 20)} (middle)`, () => catalog.articles('en', Math.floor(total / 2), 10));
await timed('list, last page', () => catalog.articles('en', total - 10, 10));
const [biggest] = await catalog.topTerms('en', 'tags', 1);
if (biggest) await timed(`biggest tag (${biggest.count}), page 1`, () => catalog.termArticles('en', biggest, 0, 10));
const some = (await catalog.articles('en', Math.floor(total / 3), 1))[0]!;
await timed('neighbours', () => catalog.neighbours(some));
await timed('source', () => catalog.source(some));
await timed('news stubs (48 h, 1,000)', () => catalog.newsStubs('en', Date.now() - 48 * 3600_000, 1000));
for (const [text, lang] of [
  ['the', undefined],
  ['market', 'en'],
  ['federal reserve', 'en'],
  ['人工智能', undefined],
  ['美股', 'zh-CN'],
  ['峰会', undefined],
  ['股', undefined],
  ['hydroxychloroquine', undefined],
  ['稀土', undefined],
] as [string, string | undefined][]) {
  const q = query(text, lang);
  const n = await search.count(q);
  await timed(`search count "${text}"${lang ? ` in ${lang}` : ''} (${n})`, () => search.count(q));
  await timed(`search ids "${text}"${lang ? ` in ${lang}` : ''}, page 1`, () => search.ids(q, 10, 0));
  await timed(`search ids "${text}"${lang ? ` in ${lang}` : ''}, title tier`, () => search.ids({ all: [q, { title: query(text) }] }, 10, 0));
}

console.info(JSON.stringify(results, null, 2));
await store.close();
if (!values.keep && !values.database) await admin.query(`DROP DATABASE ${name}`);
await admin.end();
