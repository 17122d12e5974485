import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/markdown/render';

const site = { siteOrigin: 'https://news.example.com' };
const render = (markdown: string) => renderMarkdown(markdown, site);

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
    const html = await render('a ![]() b ![](None) c ![x](chrome-extension://abc/i.png) d ![y](javascript:alert(1)) e ![z](data:text/html;base64,PHNjcmlwdD4=)');
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
});

describe('renderMarkdown: messy real-world text', () => {
  it('renders without throwing and keeps the text', async () => {
    const messy = [
      '{{< shortcode >}} text',
      '---',
      '[unclosed link](https://example.org/a',
      'line\u2028separator',
      '<div><p>unclosed',
      '```\ncode',
    ].join('\n\n');
    const html = await render(messy);
    expect(html).toContain('{{&#x3C; shortcode >}}');
    expect(html).toContain('unclosed link');
    expect(html).toContain('separator');
  });
});
