import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown, renderThreadsLoaded } from '@/lib/rendering/markdown/render';

const site = { siteOrigin: 'https://news.example.com' };
const render = async (markdown: string) => (await renderMarkdown(markdown, site)).html;
// Bodies render on threads that load once (seconds under tsx); no test's own time counts it.
beforeAll(() => renderThreadsLoaded(), 120_000);

describe('renderMarkdown: GFM', () => {
  it('renders tables, strikethrough and autolinks', async () => {
    const html = await render('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ and www.example.org');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>2</td>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toMatch(/<a href="http:\/\/www\.example\.org"[^>]*>www\.example\.org<\/a>/);
  });
});

describe('renderMarkdown: hostile input', () => {
  it('removes scripts, event handlers and javascript: links', async () => {
    const html = await render(
      '<script>alert(1)</script>\n\n<img src="https://x.org/a.png" onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="javascript:alert(4)" onclick="x()">b</a>\n\n<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<style/i);
    expect(html).toContain('click');
  });

  it('prefixes ids against DOM clobbering', async () => {
    expect(await render('<a id="location" name="x">t</a>')).toContain('id="user-content-location"');
  });

  it('keeps harmless raw HTML from feed converters', async () => {
    const html = await render('<p>para <strong>bold</strong></p><div><em>em</em></div>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
  });
});

describe('renderMarkdown: images', () => {
  it('drops empty and junk images', async () => {
    const html = await render(
      'a ![]() b ![](None) c ![x](chrome-extension://abc/i.png) d ![y](javascript:alert(1)) e ![z](data:text/html;base64,PHNjcmlwdD4=)',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('a');
    expect(html).toContain('e');
  });

  it('gives protocol-relative images and links https', async () => {
    const html = await render('![p](//img.example.org/p.jpg) [l](//example.org/page)');
    expect(html).toContain('src="https://img.example.org/p.jpg"');
    expect(html).toContain('href="https://example.org/page"');
  });

  it('loads images lazily and sends no Referer to other hosts', async () => {
    const html = await render('![a](https://img.example.org/a.jpg) ![b](/images/b.png) ![c](https://news.example.com/c.png)');
    expect(html).toMatch(/<img src="https:\/\/img\.example\.org\/a\.jpg" alt="a" loading="lazy" decoding="async" referrerpolicy="no-referrer">/);
    expect(html).toMatch(/<img src="\/images\/b\.png" alt="b" loading="lazy" decoding="async">/);
    expect(html).toMatch(/<img src="https:\/\/news\.example\.com\/c\.png" alt="c" loading="lazy" decoding="async">/);
  });

  it('keeps inline base64 images', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    expect(await render(`![pixel](${pixel})`)).toContain(`src="${pixel}"`);
  });

  it('marks external links noopener', async () => {
    expect(await render('[x](https://elsewhere.org)')).toContain('rel="noopener noreferrer"');
  });

  it('marks the links of sponsored content to other sites rel="sponsored", and only those', async () => {
    const html = (await renderMarkdown('[paid](https://advertiser.example/offer) and [ours](/en/about)', { ...site, sponsored: true })).html;
    expect(html).toContain('<a href="https://advertiser.example/offer" rel="sponsored noopener noreferrer">paid</a>');
    expect(html).toContain('<a href="/en/about">ours</a>');
    // The same text as plain news renders without the mark (options are part of the pipeline's key).
    expect(await render('[paid](https://advertiser.example/offer)')).not.toContain('sponsored');
  });
});

describe('renderMarkdown: messy real-world text', () => {
  it('renders without throwing and keeps the text', async () => {
    const messy = ['{{< shortcode >}} text', '---', '[unclosed link](https://example.org/a', 'line\u2028separator', '<div><p>unclosed', '```\ncode'].join(
      '\n\n',
    );
    const html = await render(messy);
    expect(html).toContain('{{&#x3C; shortcode >}}');
    expect(html).toContain('unclosed link');
    expect(html).toContain('separator');
  });
});

describe('renderMarkdown: headings and the table of contents', () => {
  it('gives h2 and h3 anchors and lists them, h1 and h4 not', async () => {
    const { html, toc } = await renderMarkdown('# Title\n\n## What changed\n\n### Lanes & *paths*\n\n#### Detail\n\n## What changed', site);
    expect(html).toContain('<h2 id="what-changed">What changed</h2>');
    expect(html).toContain('<h3 id="lanes--paths">');
    expect(toc).toEqual([
      { depth: 2, id: 'what-changed', text: 'What changed' },
      { depth: 3, id: 'lanes--paths', text: 'Lanes & paths' },
      { depth: 2, id: 'what-changed-1', text: 'What changed' },
    ]);
  });

  it('makes anchors from Chinese headings', async () => {
    const { toc } = await renderMarkdown('## 有哪些变化\n\ntext', site);
    expect(toc).toEqual([{ depth: 2, id: '有哪些变化', text: '有哪些变化' }]);
  });

  it('lists nothing for a body without headings', async () => {
    expect((await renderMarkdown('Just text.', site)).toc).toEqual([]);
  });
});

describe('renderMarkdown: math', () => {
  it('renders $…$ and $$…$$ with KaTeX on the server when asked', async () => {
    const { html } = await renderMarkdown('Energy $E=mc^2$.\n\n$$\n\\int_0^1 x\\,dx\n$$', { ...site, math: true });
    expect(html).toMatch(/<span class="katex">/);
    expect(html).toMatch(/<span class="katex-display">/);
    expect(html).toContain('<math');
    expect(html).not.toContain('$E=mc^2$');
  });

  it('leaves dollar signs alone on articles without math', async () => {
    const { html } = await renderMarkdown('Prices rose from $5 to $6.', site);
    expect(html).toContain('from $5 to $6');
    expect(html).not.toContain('katex');
  });

  it('shows a formula KaTeX cannot parse as text instead of failing the page', async () => {
    const { html } = await renderMarkdown('Broken $\\frac{1}{$ formula', { ...site, math: true });
    expect(html).toContain('formula');
  });
});
