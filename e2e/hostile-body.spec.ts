import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type Answer, get } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * An article whose body is a megabyte of `[` (what a hostile upstream feed can plant through the
 * importer) on a production server of its own: the Markdown renderer would take it 15 s or more,
 * which once held the server's thread, and every other page with it, for as long.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PORT = Number(process.env.E2E_HOSTILE_PORT ?? 3260);
const MB = 1 << 20;
let content: string;
let server: Started;

function write(file: string, title: string, date: string, body: string): void {
  const target = path.join(content, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `---\ntitle: "${title}"\ndate: "${date}"\ncategories:\n  - "City"\n---\n\n${body}\n`);
}

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), 'broadsheet-hostile-body-content'));
  write('en/news/city/brackets.en.md', 'Brackets from the wire', '2026-11-20 08:00:00', `Opening words.\n\n${'['.repeat(MB)}\n\nClosing words.`);
  for (const name of ['tides', 'ferries'])
    write(`en/news/city/${name}.en.md`, `Harbour ${name} report`, '2026-11-19 08:00:00', `The harbour's *${name}* today.\n\n## Details\n\nNothing unusual.`);
  server = await startNext({ distDir: freshCopy('.next', '.next-hostile'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

test('other pages answer while the article is rendered, and the article answers 200 with all its text', async () => {
  // The article route and the render threads loaded, as on a server that has served a while.
  expect((await get(`${server.origin}/en/news/city/tides`, {}, 120_000)).status).toBe(200);

  let hostileAnswered = false;
  const hostile = get(`${server.origin}/en/news/city/brackets`, {}, 200_000).then((answer) => {
    hostileAnswered = true;
    return answer;
  });
  // Once it has surely reached the server: a page that was never rendered, a search, the home.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const others: Answer[] = [];
  for (const url of ['/en/news/city/ferries', '/en/search?q=harbour', '/en']) others.push(await get(server.origin + url, {}, 200_000));
  const answeredFirst = !hostileAnswered;
  const answer = await hostile;
  console.log(`hostile article: ${Math.round(answer.ms)} ms; meanwhile ${others.map((other) => `${Math.round(other.ms)} ms`).join(', ')}`);

  expect(others.map((other) => other.status)).toEqual([200, 200, 200]);
  expect(others[0]?.body).toContain('<em>ferries</em>');
  expect(answeredFirst).toBe(true);
  expect(answer.status).toBe(200);
  // Its text, every bracket of it, between the paragraphs around it, in the article's body.
  const body = /<div class="post-content">(<p>Opening words\.<\/p>[\s\S]*?<p>Closing words\.<\/p>)<\/div>/.exec(answer.body)?.[1] ?? '';
  expect(body.split('[').length - 1).toBe(MB);
  expect(server.log()).toMatch(/\[render\] warning .*: body: .*; shown as plain text/);

  // Given up once: the page again at once, whether from the page cache or rendered anew.
  const again = await get(`${server.origin}/en/news/city/brackets`, {}, 200_000);
  expect(again.status).toBe(200);
  expect(again.body).toContain('Closing words.');
});
