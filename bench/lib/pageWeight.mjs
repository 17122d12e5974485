/** Bytes of a page's HTML and of the JavaScript it loads, gzipped as a server would send them. */
import { gzipSync } from 'node:zlib';

const gzipSize = (text) => gzipSync(Buffer.from(text)).length;
/** Strings that only the site's own client components contain. */
const OWN_MARKERS = ['search-suggestions', 'theme-toggle'];

export async function pageWeight(base, path) {
  const html = await (await fetch(base + path)).text();
  const tags = [...html.matchAll(/<script([^>]+)>/g)].map((m) => m[1]);
  // `noModule` scripts (legacy polyfills) are skipped by every browser that runs modules.
  const loaded = new Set(
    tags
      .filter((attrs) => !/\bnoModule\b/i.test(attrs))
      .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
      .filter(Boolean),
  );
  let jsGzip = 0;
  let ownGzip = 0;
  for (const src of loaded) {
    const js = await (await fetch(new URL(src, base))).text();
    const size = gzipSize(js);
    jsGzip += size;
    if (OWN_MARKERS.some((marker) => js.includes(marker))) ownGzip += size;
  }
  return { path, htmlGzip: gzipSize(html), htmlBytes: Buffer.byteLength(html), scripts: loaded.size, jsGzip, ownJsGzip: ownGzip };
}
