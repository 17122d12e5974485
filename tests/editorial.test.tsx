/*
 * Corrections and labels as readers and search engines get them (issue 29, items 1 and 3): the
 * notice, the updated time, the label and the JSON-LD, each rendered from an article's data.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleJsonLd } from '@/components/ArticleJsonLd';
import { ArticleLabel } from '@/components/ArticleLabel';
import { CorrectionsNotice } from '@/components/CorrectionsNotice';
import { UpdatedTime } from '@/components/UpdatedTime';
import { articleMeta } from './helpers/articleMeta';

const corrected = articleMeta('en', ['news', 'fixed'], {
  title: 'Fixed headline',
  date: Date.UTC(2025, 0, 1),
  lastmod: Date.UTC(2025, 0, 2),
  // As written: oldest first. Shown newest first.
  corrections: [
    { date: Date.UTC(2025, 0, 3), text: 'The first fix.' },
    { date: Date.UTC(2025, 0, 5, 9, 30), text: 'The <second> fix.' },
  ],
});

// ArticleJsonLd is an async server component (bylines are read from the store): awaited, then rendered.
async function jsonLd(article: Parameters<typeof ArticleJsonLd>[0]['article']): Promise<Record<string, unknown>> {
  const html = renderToStaticMarkup(await ArticleJsonLd({ article }));
  const json = /<script type="application\/ld\+json">(.*)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as Record<string, unknown>;
}

describe('the corrections notice', () => {
  it('is a section labelled by its heading, listing each correction newest first with its machine-readable date', () => {
    const html = renderToStaticMarkup(<CorrectionsNotice article={corrected} />);
    expect(html).toMatch(
      /^<section class="corrections-notice" id="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading"[^>]*>Corrections<\/h2>/,
    );
    const items = [...html.matchAll(/<li[^>]*><time[^>]*dateTime="([^"]+)"[^>]*>[^<]*<\/time><span[^>]*>([^<]*)<\/span><\/li>/g)].map((m) => [m[1], m[2]]);
    // The site's time zone is Asia/Shanghai (site.config.ts).
    expect(items).toEqual([
      ['2025-01-05T17:30:00+08:00', 'The &lt;second&gt; fix.'],
      ['2025-01-03T08:00:00+08:00', 'The first fix.'],
    ]);
  });

  it('is not there for an article never corrected, and speaks the article language', () => {
    expect(renderToStaticMarkup(<CorrectionsNotice article={{ lang: 'en' }} />)).toBe('');
    expect(renderToStaticMarkup(<CorrectionsNotice article={{ ...corrected, lang: 'zh-HK' }} />)).toContain('>更正</h2>');
  });
});

describe('the updated time', () => {
  it('is the newest correction when it is later than lastmod, else lastmod, and absent when neither is after the date', () => {
    expect(renderToStaticMarkup(<UpdatedTime article={corrected} />)).toContain('dateTime="2025-01-05T17:30:00+08:00"');
    expect(renderToStaticMarkup(<UpdatedTime article={{ ...corrected, corrections: undefined }} />)).toContain('dateTime="2025-01-02T08:00:00+08:00"');
    expect(renderToStaticMarkup(<UpdatedTime article={{ ...corrected, lastmod: corrected.date, corrections: undefined }} />)).toBe('');
  });
});

describe('labels', () => {
  it('shows each label but news, in the article language', () => {
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'en' }} />)).toBe('');
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'en', type: 'news' }} />)).toBe('');
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'en', type: 'opinion' }} />)).toBe(
      '<span class="article-label article-label-opinion">Opinion</span>',
    );
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'zh-CN', type: 'sponsored' }} />)).toContain('>赞助内容<');
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'zh-HK', type: 'analysis' }} />)).toContain('>分析<');
    expect(renderToStaticMarkup(<ArticleLabel article={{ lang: 'zh-HK', type: 'review' }} />)).toContain('>評論<');
  });
});

describe('JSON-LD', () => {
  it('types the article by its label and keeps the NewsArticle properties', async () => {
    const types = await Promise.all(
      (['news', 'opinion', 'analysis', 'review', 'sponsored'] as const).map(async (type) => (await jsonLd({ ...corrected, type }))['@type']),
    );
    expect(types).toEqual(['NewsArticle', 'OpinionNewsArticle', 'AnalysisNewsArticle', 'ReviewNewsArticle', 'AdvertiserContentArticle']);
    const data = await jsonLd({ ...corrected, type: 'opinion' });
    for (const property of ['headline', 'datePublished', 'dateModified', 'author', 'publisher', 'image', 'mainEntityOfPage'])
      expect(data, property).toHaveProperty(property);
  });

  it('carries dateModified at the newest correction and each correction as a CorrectionComment, newest first', async () => {
    const data = await jsonLd(corrected);
    expect(data.dateModified).toBe('2025-01-05T09:30:00.000Z');
    expect(data.correction).toEqual([
      { '@type': 'CorrectionComment', text: 'The <second> fix.', datePublished: '2025-01-05T09:30:00.000Z' },
      { '@type': 'CorrectionComment', text: 'The first fix.', datePublished: '2025-01-03T00:00:00.000Z' },
    ]);
    const plain = await jsonLd({ ...corrected, corrections: undefined, lastmod: undefined });
    expect(plain.dateModified).toBe('2025-01-01T00:00:00.000Z');
    expect(plain).not.toHaveProperty('correction');
  });
});
