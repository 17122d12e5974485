import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitFile, readFrontMatter } from '@/lib/content/frontMatter';
import { fillArchetype, newArticlePath } from '@/lib/content/newArticle';
import { ProblemList } from '@/lib/content/problems';
import { CORPUS_FIELDS } from './helpers/corpusFields';

const now = Date.parse('2026-11-29T06:30:00Z');

describe('npm run new', () => {
  it('places the article in the corpus layout, named after its title', () => {
    expect(newArticlePath({ title: '标题', lang: 'zh-CN', source: 'demo', now })).toBe('zh-CN/news/demo/标题.zh-CN.md');
    expect(newArticlePath({ title: 'Rates: Held Again!', lang: 'en', source: 'Dow Jones', now })).toBe('en/news/dow-jones/rates-held-again.en.md');
    expect(newArticlePath({ title: '???', lang: 'en', source: 'desk', now })).toBe(`en/news/desk/${now / 1000}.en.md`);
    expect(newArticlePath({ title: 'x', lang: 'en', source: 'desk', slug: 'chosen', now })).toBe('en/news/desk/chosen.en.md');
  });

  it('fills the archetype into front matter that loads cleanly with every field', () => {
    const text = fillArchetype(readFileSync('archetypes/default.md', 'utf8'), {
      title: 'He said "yes" \\ no',
      lang: 'zh-CN',
      source: 'demo',
      now,
      timeZone: 'Asia/Shanghai',
      sidebar: 'left',
      widgets: ['search', 'recent'],
    });
    const split = splitFile(text);
    const problems = new ProblemList('new.md');
    const { fields } = readFrontMatter(split.data!, split.frontMatterLines, 'Asia/Shanghai', problems);
    expect(problems.items).toEqual([]);
    expect(Object.keys(split.data!)).toEqual([...CORPUS_FIELDS, 'draft']);
    expect(fields).toMatchObject({
      title: 'He said "yes" \\ no',
      date: now,
      lang: 'zh-CN',
      categories: ['demo'],
      tags: ['demo'],
      sidebar: 'left',
      widgets: ['search', 'recent'],
      draft: true,
    });
  });
});
