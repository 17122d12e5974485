/*
 * The breaking-news line as a document of its own, shown in a small frame at the top of every
 * page of a language (components/BreakingLine.tsx). Pages are cached whole, here and in shared
 * caches in front; the frame is asked for on its own, for a few seconds at most, so a line put
 * up, changed or taken down reaches every page at once without rendering any page again.
 * Without JavaScript the frame keeps a line's height; with it, the frame takes the line's
 * height, or none when there is no line.
 */
import { siteConfig } from '@/lib/config';
import { currentBreaking } from '@/lib/content/breaking';
import { liveStrings } from '@/lib/i18n/live';
import { articleUrl } from '@/lib/routing/urls';
import { getStore } from '@/lib/store';

/** How long browsers and shared caches may keep the line (seconds). */
export const BREAKING_MAX_AGE = 5;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Same origin as the page: the frame sizes itself to its line (none without one) and follows the page's theme.
const script =
  '(function(){var f=window.frameElement;if(!f)return;try{var t=parent.document.documentElement.dataset.theme;if(t)document.documentElement.style.colorScheme=t}catch(e){}' +
  // No line: no room, and nothing for a screen reader to land on.
  "var l=document.querySelector('.breaking');f.style.height=l?document.documentElement.scrollHeight+'px':'0';f.style.display=l?'block':'none'})()";

const style = `
:root{color-scheme:light dark;--highlight:${siteConfig.highlightColor}}
html,body{margin:0;background:transparent;overflow:hidden}
body{font:15px/1.4 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','PingFang HK','Microsoft YaHei','Noto Sans CJK SC',sans-serif}
.breaking{display:flex;gap:.6em;align-items:baseline;margin:0;padding:.5em 1em;background:color-mix(in srgb,var(--highlight) 78%,black);color:#fff;white-space:nowrap;overflow:hidden}
.breaking strong{text-transform:uppercase;letter-spacing:.04em;font-size:.8em}
.breaking a{color:#fff;overflow:hidden;text-overflow:ellipsis}
.breaking a:focus-visible{outline:2px solid #fff;outline-offset:2px}`;

/** The frame's document for a language: its current line, or an empty page. */
export async function breakingFragment(lang: string, now: number): Promise<string> {
  const current = currentBreaking(await getStore().breaking(lang, 10), now);
  const strings = liveStrings(lang);
  const line = current
    ? `<p class="breaking"><strong>${escapeHtml(strings.breaking)}</strong> <a href="${escapeHtml(articleUrl(current.article))}" target="_top">${escapeHtml(current.text)}</a></p>`
    : '';
  return (
    `<!DOCTYPE html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(strings.breakingFrame)}</title><style>${style}</style></head><body>${line}<script>${script}</script></body></html>`
  );
}
