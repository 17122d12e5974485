import type { Database } from 'better-sqlite3';
import { AUTHORS_FOLDER } from '@/lib/content/authorFile';
import type { Problem } from '@/lib/content/problems';
import { authorId as authorIdOf } from '@/lib/content/authors';

/**
 * `npm run check`'s warning for each author a published article names (front matter `author:`)
 * whom no file of the content folder describes (authors/<id>.md): one per author, on the newest
 * article naming them, with the name as that article writes it. Such bylines still show, by that
 * name; the warning says where a description would go.
 */
export function undescribedAuthors(db: Database): Problem[] {
  const rows = db
    .prepare<[], { slug: string; count: number; path: string; meta: string }>(
      `SELECT l.slug, l.count, a.path, a.meta FROM lists l
         JOIN articles a ON a.id = (SELECT max(article) FROM list_items WHERE list = l.id)
       WHERE l.kind = 'authors' AND l.count > 0 AND NOT EXISTS (SELECT 1 FROM authors d WHERE d.id = l.slug)
       ORDER BY l.slug, a.id DESC`,
    )
    .all();
  const byId = new Map<string, { count: number; path: string; name: string }>();
  for (const row of rows) {
    const known = byId.get(row.slug);
    if (known) {
      known.count += row.count;
      continue;
    }
    const written = ((JSON.parse(row.meta) as { authors?: string[] }).authors ?? []).find((name) => authorIdOf(name) === row.slug) ?? row.slug;
    byId.set(row.slug, { count: row.count, path: row.path, name: written });
  }
  return [...byId.entries()].map(([id, { count, path, name }]) => ({
    file: path,
    field: 'author',
    message:
      `"${name}" is not described (no ${AUTHORS_FOLDER}/${id}.md); ${count === 1 ? 'its byline shows' : `the bylines of ${count} articles show`} ` +
      'the name as written, with no bio or photo',
    severity: 'warning' as const,
  }));
}
