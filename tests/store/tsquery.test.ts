import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { quoteLexeme, toTsquery } from '@/lib/store/postgres/tsquery';
import { searchDocument } from '@/lib/store/postgres/searchDocument';
import { createDatabase } from '../helpers/postgres';
import { postgresCluster } from '../helpers/postgresStore';

// A real PostgreSQL on a machine others share: generous bounds, never a measure of speed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe('full-text queries as tsquery', () => {
  it('renders the tree with every token quoted, title tokens marked, and the top-level language apart', () => {
    expect(toTsquery({ all: [{ token: '峰会' }, { any: [{ token: 'rate' }, { token: 'rat', prefix: true }] }, { lang: 'zh-CN' }] })).toEqual({
      match: { tsquery: "('峰会' & ('rate' | 'rat':*))" },
      lang: 'lzhcn',
    });
    expect(toTsquery({ but: [{ title: { all: [{ token: 'a' }, { token: 'b', prefix: true }] } }, { title: { token: 'c' } }] })).toEqual({
      match: { tsquery: "(('^a' & '^b':*) & !'^c')" },
    });
    expect(toTsquery({ any: [{ lang: 'en' }, { token: 'x' }] })).toEqual({ match: { tsquery: "('@len' | 'x')" } });
    expect(toTsquery({ lang: 'en' })).toEqual({ match: 'every', lang: 'len' });
    expect(toTsquery({ all: [{ lang: 'en' }, { lang: 'zh-CN' }, { token: 'x' }] })).toEqual({ match: 'none' });
  });

  it('simplifies around tokens no entry can hold instead of sending them', () => {
    expect(toTsquery({ token: '' })).toEqual({ match: 'none' });
    expect(toTsquery({ all: [{ token: 'a' }, { token: 'x\u0000' }] })).toEqual({ match: 'none' });
    expect(toTsquery({ any: [{ token: 'a' }, { token: '^a' }] })).toEqual({ match: { tsquery: "'a'" } });
    expect(toTsquery({ but: [{ token: 'a' }, { token: '@len' }] })).toEqual({ match: { tsquery: "'a'" } });
    expect(toTsquery({ but: [{ token: '' }, { token: 'a' }] })).toEqual({ match: 'none' });
    expect(toTsquery({ token: 'x'.repeat(3000) })).toEqual({ match: 'none' });
  });

  it('quotes a lexeme so that quotes and backslashes stay part of it', () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme('a\\b')).toBe("'a\\\\b'");
    expect(quoteLexeme("\\'")).toBe("'\\\\'''");
  });

  it('keeps title tokens apart from body tokens, and a word prefix from reaching a marked token', () => {
    const { lexemes } = searchDocument({ title: 'rate 峰会', body: 'bank rate', lang: 'len' });
    expect(lexemes.split(' ').sort()).toEqual(['@len', 'bank', 'rate', 'rate', '^rate', '^峰会', '峰会'].sort());
  });
});

const { url: clusterUrl, missing } = postgresCluster();

describe.skipIf(missing)('tsquery in PostgreSQL', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: await createDatabase(clusterUrl, 'tsquery') });
    await client.connect();
  });
  afterAll(() => client?.end());

  const matches = async (lexemes: string[], query: ReturnType<typeof toTsquery>) => {
    if (typeof query.match !== 'object') throw new Error('no tsquery');
    const { rows } = await client.query<{ hit: boolean }>('SELECT array_to_tsvector($1::text[]) @@ $2::tsquery AS hit', [lexemes, query.match.tsquery]);
    return rows[0]?.hit;
  };

  it('reads back every hostile token as itself: it matches an entry holding exactly it, and nothing else', async () => {
    const hostile = [
      "it's",
      "'",
      "''",
      '\\',
      "\\'",
      "') | ('a",
      'a:*',
      'a & b',
      '!a',
      '(',
      ')',
      '|',
      'a b',
      ':*',
      "'a':*",
      '<->',
      '<1>',
      'a:A',
      '$$',
      "峰'会",
      '%',
      '\u00a0',
      'é',
    ];
    for (const token of hostile) {
      expect(await matches([token], toTsquery({ token })), token).toBe(true);
      expect(await matches(['a', 'b', 'it', 's'], toTsquery({ token })), token).toBe(false);
      expect(await matches([`${token}tail`], toTsquery({ token, prefix: true })), token).toBe(true);
      expect(await matches([token], toTsquery({ title: { token } })), token).toBe(false);
      expect(await matches([`^${token}`], toTsquery({ title: { token } })), token).toBe(true);
    }
  });

  it('does not let a prefix reach the marked title and language tokens', async () => {
    expect(await matches(['^rate', '@len'], toTsquery({ token: 'r', prefix: true }))).toBe(false);
    expect(await matches(['^rate', '@len'], toTsquery({ token: 'l', prefix: true }))).toBe(false);
    expect(await matches(['rate'], toTsquery({ title: { token: 'r', prefix: true } }))).toBe(false);
  });
});
