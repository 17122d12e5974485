import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnFromSources } from '@/lib/server/spawnThread';
import { renderOnThisThread } from '@/lib/rendering/markdown/pipeline';
import { plainBodyHtml } from '@/lib/rendering/markdown/plainBody';
import { renderMarkdown, renderThreadsLoaded } from '@/lib/rendering/markdown/render';
import { RenderPool } from '@/lib/rendering/markdown/renderPool';
import { bodyCases } from './helpers/hostileBodies';
import { HostileRunner } from './helpers/runHostileCase';

describe('bodies the Markdown renderer takes seconds to hours over, or cannot take at all', () => {
  const runner = new HostileRunner();
  afterAll(() => runner.stop());

  it.each(Object.keys(bodyCases) as (keyof typeof bodyCases)[])(
    '%s: all its text is shown, and a normal article beside it renders first',
    async (name) => {
      const { result } = await runner.run(name, bodyCases[name].deadline * 1000);
      expect(result).toEqual(bodyCases[name].expected);
    },
    400_000,
  );
});

describe('renderMarkdown on the render threads', () => {
  // The threads load once (seconds under tsx); no test's own time counts it.
  beforeAll(() => renderThreadsLoaded(), 120_000);
  afterEach(() => vi.restoreAllMocks());

  it('renders what the pipeline renders on this thread', async () => {
    const bodies = [
      '# Title\n\n## What changed\n\nText with *emphasis*, `code` and a [link](https://example.org/a).',
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ www.example.org\n\n- [ ] task\n- [x] done',
      '<p>para <strong>bold</strong></p><script>alert(1)</script>\n\n![img](https://images.example.net/a.jpg)',
      '"Quotes" -- dashes... and 中文“引号”。\n\n```\ncode "kept" -- as is\n```',
      'Energy $E=mc^2$.\n\n$$\n\\int_0^1 x\\,dx\n$$',
    ];
    for (const options of [{ siteOrigin: 'https://news.example.com' }, { siteOrigin: 'https://news.example.com', math: true, typographer: true }]) {
      for (const body of bodies) expect(await renderMarkdown(body, options)).toEqual(await renderOnThisThread(body, options));
    }
  }, 30_000);

  it('shows a body the renderer cannot take as its text, and says so in the log, naming the file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Nested too deep for the renderer's stack: it throws (today, the page failed).
    const body = `${'<div>'.repeat(20_000)}Harbour news`;
    const rendered = await renderMarkdown(body, { file: 'en/news/deep.en.md' });
    expect(rendered).toEqual({ html: plainBodyHtml(body), toc: [] });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[render\] warning en\/news\/deep\.en\.md: body: .*; shown as plain text$/);
    // Given up once, it is shown as text straight away, and not said again.
    expect(await renderMarkdown(body, { file: 'en/news/deep.en.md' })).toEqual(rendered);
    expect(warn).toHaveBeenCalledTimes(1);
  }, 120_000);
});

describe('the plain text of a body', () => {
  it('is every line of it, escaped, one paragraph per run of lines', () => {
    expect(plainBodyHtml('# Title\n\nA <b>bold</b> & "quoted"\n  line two  \n\n\n\n[x](y)\0\n')).toBe(
      '<p># Title</p>\n<p>A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;\nline two</p>\n<p>[x](y)\uFFFD</p>',
    );
    expect(plainBodyHtml('')).toBe('');
    expect(plainBodyHtml('\n \n')).toBe('');
  });
});

describe('the render pool', () => {
  const standIn = (data?: { hideTid: boolean }) => () =>
    spawnFromSources(new URL('./helpers/standInRenderWorker.ts', import.meta.url).href, 'standInRenderWorker.ts', data);
  let pool: RenderPool;
  afterEach(() => pool?.close());

  it('stops a body at its limit of CPU time and replaces its thread; the other thread renders meanwhile', async () => {
    pool = new RenderPool(2, { cpuMs: 300, wallMs: 300_000 }, standIn());
    await pool.loaded();
    let spinDone = false;
    const spinning = pool.render('spin', {}).then((outcome) => {
      spinDone = true;
      return outcome;
    });
    expect(await pool.render('normal', {})).toEqual({ kind: 'rendered', body: { html: '<p>normal</p>', toc: [] } });
    expect(spinDone).toBe(false);
    expect(await spinning).toEqual({ kind: 'late', limit: '0.3 s of work' });
    // Two threads again: two bodies at once, each rendered.
    expect((await Promise.all([pool.render('a', {}), pool.render('b', {})])).map((outcome) => outcome.kind)).toEqual(['rendered', 'rendered']);
    await pool.loaded();
  }, 120_000);

  it('stops a body at its limit of time when CPU time cannot be read', async () => {
    pool = new RenderPool(1, { cpuMs: 300, wallMs: 300_000 }, standIn({ hideTid: true }));
    await pool.loaded();
    expect(await pool.render('spin', {})).toEqual({ kind: 'late', limit: '0.3 s' });
  }, 120_000);

  it('fails only the body whose thread died, and goes on with a new thread', async () => {
    pool = new RenderPool(1, { cpuMs: 10_000, wallMs: 300_000 }, standIn());
    const crashed = pool.render('crash', {});
    const next = pool.render('next', {});
    expect(await crashed).toEqual({ kind: 'failed', error: 'Error: the stand-in thread crashed' });
    expect(await next).toMatchObject({ kind: 'rendered', body: { html: '<p>next</p>' } });
  }, 120_000);

  it('says no thread is available when none can be started, and keeps nothing waiting', async () => {
    let attempts = 0;
    pool = new RenderPool(2, { cpuMs: 1000, wallMs: 10_000 }, () => {
      attempts++;
      throw new Error('threads are not allowed here');
    });
    expect(await pool.render('body', {})).toEqual({ kind: 'unavailable', error: 'no render thread could be started: threads are not allowed here' });
    await pool.loaded();
    expect(attempts).toBe(3);
  });
});
