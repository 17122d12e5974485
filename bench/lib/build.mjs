/** `next build` on a content folder, timed by the operating system (GNU time): wall time and peak memory. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `keep`: folders of `distDir` that outlive the clean build (the catalog, for --reuse-catalog). */
export function timedBuild({ contentDir, distDir, keep = [] }) {
  // A clean build: no compiler cache, and no pages cached by an earlier run on other content.
  const aside = mkdtempSync(path.join(tmpdir(), 'broadsheet-kept-'));
  const kept = keep.filter((folder) => existsSync(path.join(distDir, folder)));
  for (const [i, folder] of kept.entries()) renameSync(path.join(distDir, folder), path.join(aside, String(i)));
  rmSync(distDir, { recursive: true, force: true });
  for (const [i, folder] of kept.entries()) {
    mkdirSync(path.dirname(path.join(distDir, folder)), { recursive: true });
    renameSync(path.join(aside, String(i)), path.join(distDir, folder));
  }
  rmSync(aside, { recursive: true, force: true });
  execFileSync(process.execPath, ['scripts/copy-vendor.mjs'], { stdio: 'ignore' });
  const next = path.resolve('node_modules/next/dist/bin/next');
  const env = { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const result = timed
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, next, 'build'], { env, encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [next, 'build'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  // GNU time counts the largest process of the tree (Next's build workers are separate processes).
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const pages = Number(/Generating static pages[^(]*\((\d+)\/(\d+)\)/.exec(result.stdout)?.[2] ?? NaN);
  return { wallMs: Math.round(wallMs), peakMb: Math.round(peakKb / 1024), prerenderedPages: pages };
}
