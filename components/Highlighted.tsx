import type { Segment } from '@/lib/search';

/** Text with the parts that matched a search marked. Every part is rendered as text. */
export function Highlighted({ segments }: { segments: readonly Segment[] }) {
  return segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : segment.text));
}
