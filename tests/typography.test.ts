import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown, renderThreadsLoaded } from '@/lib/rendering/markdown/render';
import { smartPunctuation, typesetArticle } from '@/lib/rendering/markdown/typography';

const body = async (markdown: string, options: { math?: boolean; typographer?: boolean } = {}) =>
  (await renderMarkdown(markdown, { typographer: true, ...options })).html;
// Bodies render on threads that load once (seconds under tsx); no test's own time counts it.
beforeAll(() => renderThreadsLoaded(), 120_000);

describe('typographic punctuation in strings (titles, summaries, leads)', () => {
  it('curls quotes and apostrophes, sets dashes and ellipses as Hugo did', () => {
    expect(smartPunctuation(`The "AI" boom isn't over -- yet...`)).toBe('The “AI” boom isn’t over – yet…');
    expect(smartPunctuation(`Markets fell --- sharply`)).toBe('Markets fell — sharply');
    expect(smartPunctuation(`Back in the '90s, 'twas 'hot'`)).toContain('’90s');
    expect(smartPunctuation('Plain words only')).toBe('Plain words only');
  });

  it('in Chinese, curls quotes beside punctuation and leaves those between two Han characters', () => {
    expect(smartPunctuation('他说："市场好转"。')).toBe('他说：“市场好转”。');
    expect(smartPunctuation('美联储"鹰派"立场')).toBe('美联储"鹰派"立场');
    expect(smartPunctuation('英伟达...大涨')).toBe('英伟达…大涨');
    expect(smartPunctuation('比特币--上涨')).toBe('比特币–上涨');
  });

  it('typesets the fields readers see and nothing else', () => {
    const article = { title: `"Quoted"`, summary: 'It is...', lead: `Don't`, excerpt: 'a -- b', file: `en/it's.md` };
    expect(typesetArticle(article)).toEqual({ title: '“Quoted”', summary: 'It is…', lead: 'Don’t', excerpt: 'a – b', file: `en/it's.md` });
  });
});

describe('typographic punctuation in bodies', () => {
  it('sets English body text, across emphasis and link text', async () => {
    const html = await body(`She said "it's **really** over" -- then left...\n\n"[Read it](https://example.com/a--b...)" now`);
    expect(html).toContain('She said “it’s <strong>really</strong> over” – then left…');
    expect(html).toContain('“<a href="https://example.com/a--b..." rel="noopener noreferrer">Read it</a>” now');
  });

  it('sets Chinese body text the way it sets Chinese titles', async () => {
    const html = await body('他表示："经济复苏..."，美联储"鹰派"立场不变。');
    expect(html).toContain('他表示：“经济复苏…”，美联储"鹰派"立场不变。');
  });

  it('never touches code spans, code blocks, autolinks or raw HTML attributes', async () => {
    const html = await body(
      [
        'Run `echo "hi" -- it\'s...` now.',
        '',
        '```sh',
        'grep "a -- b" it\'s...',
        '```',
        '',
        'See https://example.com/x--y...z and <https://example.org/"q"> too.',
        '',
        '<p title="a -- \'b\'...">He said "yes"</p>',
      ].join('\n'),
    );
    expect(html).toContain('<code>echo "hi" -- it\'s...</code>');
    expect(html).toContain('grep "a -- b" it\'s...');
    expect(html).toContain('>https://example.com/x--y...z</a>');
    expect(html).toContain('title="a -- &#x27;b&#x27;...">He said "yes"</p>');
  });

  it('leaves math as written and sets the words around it', async () => {
    const html = await body(`It's $f'(x) = "a" -- b...$ and "more"`, { math: true });
    expect(html).toContain('It’s <span class="katex">');
    expect(html).toContain('<annotation encoding="application/x-tex">f\'(x) = "a" -- b...</annotation>');
    expect(html).toContain('“more”');
  });

  it('is off when the site turns it off', async () => {
    expect(await body(`"Straight" -- as written...`, { typographer: false })).toContain('"Straight" -- as written...');
  });
});
