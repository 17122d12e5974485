// npx tsx bench/vercel-build.ts sqlite | pg DATABASE_URL: vercel build (tests/helpers/vercelBuild.ts) on a copy of the checkout holding the corpus
// (CORPUS_DIR, or ../shared/corpus/content): function sizes, build and sync times, and with pg a cold instance's first
// article, list, tag and search (port 3410). The figures in docs/deploying.md (On Vercel).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { copyCheckout, installVercel, vercelBuild, vercelFunctions } from '../tests/helpers/vercelBuild';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(process.env.CORPUS_DIR ?? path.join(root, '../shared/corpus/content'));
const cli = installVercel(process.env.VERCEL_CLI_PREFIX ?? path.join(tmpdir(), 'broadsheet-vercel-cli'));
const mb = (b: number) => (b / 1048576).toFixed(1);
const report = (label: string, dir: string) => {
  const fns = vercelFunctions(dir);
  const sizes = fns.map((f) => f.bytes).sort((a, b) => a - b);
  console.log(
    `${label}: ${fns.length} functions, ${mb(sizes[0]!)}-${mb(sizes.at(-1)!)} MB, content files shipped: ${fns.reduce((n, f) => n + f.content.length, 0)}`,
  );
  for (const f of fns) console.log(`   ${f.name} ${mb(f.bytes)} MB ${f.files} files`);
};
const timed = async (label: string, work: () => Promise<string>) => {
  const t = performance.now();
  const out = await work();
  const s = ((performance.now() - t) / 1000).toFixed(0);
  console.log(`${label}: ${s} s`);
  for (const line of out.split('\n')) if (/\[vercel-build\]|Synced /.test(line)) console.log('   ' + line.trim());
  return out;
};

const base = mkdtempSync(path.join(tmpdir(), 'broadsheet-vercel-bench-'));
const mode = process.argv[2];
if (mode === 'sqlite') {
  const dir = path.join(base, 'sqlite');
  copyCheckout(root, dir, corpus);
  await timed('vercel build without DATABASE_URL', () => vercelBuild(cli, dir, { DATABASE_URL: '' }));
  report('without DATABASE_URL', dir);
} else {
  const url = process.argv[3]!;
  const dir = path.join(base, 'pg');
  copyCheckout(root, dir, corpus);
  await timed('vercel build with DATABASE_URL, empty store', () => vercelBuild(cli, dir, { DATABASE_URL: url }));
  report('with DATABASE_URL', dir);
  // A fresh clone: every file's time is new, nothing else changed.
  execFileSync('find', [path.join(dir, 'content'), '-type', 'f', '-exec', 'touch', '{}', '+']);
  await timed('vercel build with DATABASE_URL, unchanged archive (files touched)', () => vercelBuild(cli, dir, { DATABASE_URL: url }));
  // Cold instance.
  renameSync(path.join(dir, 'content'), path.join(base, 'content-away'));
  const tmp = mkdtempSync(path.join(base, 'tmp-'));
  const empty = mkdtempSync(path.join(base, 'empty-'));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const oldest = (await c.query("SELECT key FROM articles WHERE lang='en' ORDER BY date ASC LIMIT 1")).rows[0].key;
  const big = (await c.query("SELECT slug FROM lists WHERE lang='en' AND kind='tags' ORDER BY count DESC LIMIT 1")).rows[0].slug;
  await c.end();
  const t0 = performance.now();
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', '3410'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, CONTENT_DIR: empty, TMPDIR: tmp, VERCEL: '1' },
    stdio: 'ignore',
  });
  const origin = 'http://127.0.0.1:3410';
  for (;;) {
    try {
      await fetch(`${origin}/robots.txt`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  console.log(`server up after ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  for (const p of [`/${oldest}`, '/en', '/en/page/200', `/en/tags/${big}`, '/api/search?lang=en&q=market', '/en/search?q=%E5%B8%82%E5%9C%BA']) {
    const t = performance.now();
    const r = await fetch(origin + p);
    await r.text();
    console.log(`first ${p}: ${r.status} in ${(performance.now() - t).toFixed(0)} ms`);
  }
  server.kill('SIGTERM');
}
rmSync(base, { recursive: true, force: true });
