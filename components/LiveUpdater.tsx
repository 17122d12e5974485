'use client';

import { useEffect } from 'react';

/**
 * Keeps a live page's entries current for a reader who has it open: every few seconds (while the
 * tab is visible) it asks for the page again, a conditional request the page cache answers, and
 * swaps in the entries when their version changed. Nothing else on the page is touched, and
 * without JavaScript a reload shows the same entries. Stops once the coverage ended or the page
 * is gone.
 */
export function LiveUpdater({ every = 5000 }: { every?: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      if (!document.hidden) {
        try {
          const response = await fetch(location.pathname, { cache: 'no-cache' });
          if (response.status === 404 || response.status === 410) stopped = true;
          else if (response.ok) {
            const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('live-entries');
            const here = document.getElementById('live-entries');
            if (next && here && next.dataset.version !== here.dataset.version) {
              here.innerHTML = next.innerHTML;
              here.dataset.version = next.dataset.version;
            }
            if (next?.dataset.live !== 'true') {
              stopped = true;
              document.querySelectorAll('.post-header .live-badge').forEach((badge) => badge.remove());
            }
          }
        } catch {
          // Offline for a moment: the next round tries again.
        }
      }
      if (!stopped) timer = setTimeout(poll, every);
    };
    timer = setTimeout(poll, every);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [every]);
  return null;
}
