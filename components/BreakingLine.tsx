import { liveStrings } from '@/lib/i18n/live';

/**
 * The breaking-news line atop every page of a language: a frame of its own
 * (lib/rendering/live/breakingFragment.ts), so the page around it is cached, here and in front,
 * without it, and a line put up or taken down shows on every page at once.
 */
export function BreakingLine({ lang }: { lang: string }) {
  return <iframe className="breaking-frame" src={`/api/breaking/${encodeURIComponent(lang)}`} title={liveStrings(lang).breakingFrame} />;
}
