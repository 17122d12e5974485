import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type Answer, get } from './support/http';
import { freshCopy, type Started, startNext } from './support/servers';

/**
 * An article whose body is a megabyte of `[` (what a hostile upstream feed can plant through the
 * importer), dropped into the folder of a running production server of its own, then a normal
 * article half a second later (issue 26). The Markdown renderer takes the body 15 s or more of
 * CPU, which once held the server's thread, and every other page with it, for as long.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const PORT = Number(process.env.E2E_HOSTILE_PORT ?? 3260);
const MB = 1 << 20;
/** The issue's own bound for a normal article dropped after the hostile one. */
const PUBLISHED_WITHIN_MS = 10_000;
/** A page already rendered answers in tens of milliseconds; the render once held it 15 to 37 s. */
const QUIET_WITHIN_MS = 5_000;
let content: string;
let server: Started;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A GET whose failure (the server gone, a reset) is an answer of status 0, so that the test says what it saw. */
const read = (url: string, timeoutMs: number): Promise<Answer> => {
  const sent = performance.now();
  return get(url, {}, timeoutMs).catch((error: Error) => ({
    status: 0,
    headers: {},
    body: error.message,
    raw: Buffer.from(error.message),
    ms: performance.now() - sent,
  }));
};

function write(file: string, title: string, date: string, body: string): void {
  const target = path.join(content, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `---\ntitle: "${title}"\ndate: "${date}"\ncategories:\n  - "City"\n---\n\n${body}\n`);
}

const normalBody = (name: string) => `The harbour's *${name}* today.\n\n## Details\n\nNothing unusual.`;

test.beforeAll(async () => {
  content = freshCopy('content', path.join(tmpdir(), `broadsheet-hostile-body-content-${PORT}`));
  write('en/news/city/tides.en.md', 'Harbour tides report', '2026-11-19 08:00:00', normalBody('tides'));
  server = await startNext({ distDir: freshCopy('.next', '.next-hostile'), contentDir: content, host: '127.0.0.1', port: PORT });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(content, { recursive: true, force: true });
});

test('a megabyte of "[" dropped, then a normal article: it is served within 10 s, a quiet page stays fast, and the hostile one answers 200 with all its text', async () => {
  const quietUrl = `${server.origin}/en/news/city/tides`;
  // The article route and the render threads loaded, as on a server that has served a while.
  expect((await get(quietUrl, {}, 120_000)).status).toBe(200);

  write('en/news/city/brackets.en.md', 'Brackets from the wire', '2026-11-20 08:00:00', `Opening words.\n\n${'['.repeat(MB)}\n\nClosing words.`);
  // A reader asks for the hostile article until it is published, and then waits for it.
  let rendering: number | undefined;
  let answered: number | undefined;
  const hostile = (async (): Promise<Answer> => {
    for (;;) {
      const sent = performance.now();
      const answer = await read(`${server.origin}/en/news/city/brackets`, 200_000);
      if (answer.status !== 404) {
        // The request that found it published is the one that waited for its render.
        rendering = sent;
        answered = performance.now();
        return answer;
      }
      await sleep(100);
    }
  })();
  // Meanwhile another reader reads the quiet page, again and again, until the hostile one answers.
  const quiet: { sent: number; ms: number; status: number }[] = [];
  const quietReader = (async () => {
    while (answered === undefined) {
      const sent = performance.now();
      const answer = await read(quietUrl, 200_000);
      quiet.push({ sent, ms: answer.ms, status: answer.status });
      await sleep(100);
    }
  })();

  await sleep(500);
  const dropped = performance.now();
  write('en/news/city/ferries.en.md', 'Harbour ferries report', '2026-11-19 09:00:00', normalBody('ferries'));
  let normal: Answer | undefined;
  while (performance.now() - dropped < PUBLISHED_WITHIN_MS) {
    const answer = await read(`${server.origin}/en/news/city/ferries`, Math.max(1, PUBLISHED_WITHIN_MS - (performance.now() - dropped)));
    if (answer.status === 200) {
      normal = answer;
      break;
    }
    await sleep(100);
  }
  const publishedMs = performance.now() - dropped;

  const answer = await hostile;
  await quietReader;
  const whileRendering = quiet.filter((probe) => rendering !== undefined && answered !== undefined && probe.sent >= rendering && probe.sent < answered);
  const times = quiet.map((probe) => probe.ms).sort((a, b) => a - b);
  const slowest = times.at(-1) ?? 0;
  console.log(
    `hostile article: ${Math.round(answer.ms)} ms; normal article served ${Math.round(publishedMs)} ms after it was dropped; ` +
      `quiet page read ${quiet.length} times, ${whileRendering.length} while the hostile one rendered, median ${Math.round(times[times.length >> 1] ?? 0)} ms, slowest ${Math.round(slowest)} ms`,
  );

  expect(normal?.status, `the normal article within ${PUBLISHED_WITHIN_MS} ms`).toBe(200);
  expect(normal?.body).toContain('<em>ferries</em>');
  expect(quiet.map((probe) => probe.status).filter((status) => status !== 200)).toEqual([]);
  // The quiet page was read while the hostile one was rendered, and answered fast each time.
  expect(whileRendering.length).toBeGreaterThan(0);
  expect(slowest).toBeLessThan(QUIET_WITHIN_MS);

  expect(answer.status, answer.status === 0 ? answer.body : undefined).toBe(200);
  // Its text, every bracket of it, between the paragraphs around it, in the article's body.
  const body = /<div class="post-content">(<p>Opening words\.<\/p>[\s\S]*?<p>Closing words\.<\/p>)<\/div>/.exec(answer.body)?.[1] ?? '';
  expect(body.split('[').length - 1).toBe(MB);
  expect(server.log()).toMatch(/\[render\] warning en\/news\/city\/brackets\.en\.md: body: .*; shown as plain text/);

  // Given up once: the page again at once, whether from the page cache or rendered anew.
  const again = await get(`${server.origin}/en/news/city/brackets`, {}, 200_000);
  expect(again.status).toBe(200);
  expect(again.body).toContain('Closing words.');
});
