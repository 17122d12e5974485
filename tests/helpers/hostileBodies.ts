import { decodeHTML } from 'entities';
import { renderMarkdown, renderThreadsLoaded } from '@/lib/rendering/markdown/render';
import type { HostileCase } from './hostileCases';

/*
 * Bodies that the Markdown renderer takes seconds to hours over, or cannot take at all (nesting
 * so deep it overflows the stack), a megabyte each. tests/renderThreads.test.ts renders each on a
 * thread it stops at a deadline, while a normal article renders beside it.
 */
const MB = 1 << 20;

/** How often `piece` occurs in the text of `html`, tags left out and entities read. */
function occurrences(html: string, piece: string): number {
  return decodeHTML(html.replace(/<[^>]*>/g, '')).split(piece).length - 1;
}

const NORMAL = 'Harbour *news*, as every day.';

/**
 * Renders `body` and, while it is being rendered, a normal article: the normal one must be done
 * first (the renderer holds no thread the caller needs), and the body's text must all be there,
 * rendered as Markdown or shown as plain text (`piece` counted).
 */
function besideNormal(body: string, piece: string): HostileCase & { deadline: number } {
  return {
    run: async () => {
      // Loading the render threads is not what is measured (seconds under tsx).
      await renderThreadsLoaded();
      let hostileDone = false;
      const hostile = renderMarkdown(body, { file: 'en/hostile.md' }).then((rendered) => {
        hostileDone = true;
        return rendered;
      });
      const normal = await renderMarkdown(NORMAL);
      const normalFirst = !hostileDone;
      const { html } = await hostile;
      return { normal: normal.html, normalFirst, kept: occurrences(html, piece) };
    },
    expected: { normal: '<p>Harbour <em>news</em>, as every day.</p>', normalFirst: true, kept: body.split(piece).length - 1 },
    // About 3 s of the renderer's work, then the text (lib/rendering/markdown/render.ts), and a
    // hundred times that: on a busy machine the three seconds of work take longer.
    deadline: 300,
  };
}

export const bodyCases = {
  'a body of 1 MB of "["': besideNormal('['.repeat(MB), '['),
  'a body of 1 MB of "~a" (strikethrough, quadratic)': besideNormal('~a'.repeat(MB / 2), 'a'),
  'a body of 1 MB of "**a"': besideNormal('**a'.repeat(MB / 3), 'a'),
  'a body of 1 MB of "`a" (code spans never closed)': besideNormal('`a'.repeat(MB / 2), 'a'),
  'a body of blockquotes nested 1 MB deep': besideNormal(`${'>'.repeat(MB)} end`, 'end'),
  'a body of lists nested 1 MB deep': besideNormal(`${'1. '.repeat(MB / 3)}end`, 'end'),
  'a body of raw HTML nested 1 MB deep': besideNormal(`${'<b>'.repeat(MB / 3)}end`, 'end'),
} satisfies Record<string, HostileCase>;
