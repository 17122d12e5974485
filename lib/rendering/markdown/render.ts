import { createHash } from 'node:crypto';
import { optionsKey, type RenderedBody, type RenderOptions as PipelineOptions, renderOnThisThread } from './pipeline';
import { plainBodyHtml } from './plainBody';
import { type RenderLimits, type RenderOutcome, RenderPool } from './renderPool';

export type { RenderedBody } from './pipeline';
export type { TocEntry } from './rehypeToc';

export interface RenderOptions extends PipelineOptions {
  /** The article's file, named in the log when its body is shown as plain text. */
  file?: string;
}

/**
 * How long one body may take on a render thread: 3 s of its CPU time, and 30 s at most however
 * busy the machine. The corpus's slowest body takes 0.66 s of CPU on a machine shared by many
 * jobs; a megabyte of `[` takes 14 to 45 s, of `~a` hours.
 */
export const RENDER_LIMITS: RenderLimits = { cpuMs: 3000, wallMs: 30_000 };
/** Two, so that one slow body never makes another article wait. */
const RENDER_THREADS = 2;
/** How long a body given up is shown as text straight away, without spending another deadline on it. */
const GIVEN_UP_MS = 60 * 60_000;
const GIVEN_UP_KEPT = 1000;

interface Renderer {
  pool: RenderPool;
  /** Bodies given up, by hash, and until when. */
  givenUp: Map<string, number>;
  /** Said once: every body is then rendered on the server's thread, as before there were render threads. */
  saidUnavailable?: boolean;
}

const slot = Symbol.for('broadsheet.render');
type Slot = { [slot]?: Renderer };

/** One set of render threads per server process, shared through globalThis by every route's bundle. */
function renderer(): Renderer {
  const holder = globalThis as Slot;
  holder[slot] ??= { pool: new RenderPool(RENDER_THREADS, RENDER_LIMITS), givenUp: new Map() };
  return holder[slot];
}

/** Starts the render threads now rather than at the first article; resolves once they are loaded. */
export function renderThreadsLoaded(): Promise<void> {
  return renderer().pool.loaded();
}

/**
 * Markdown (GFM) to sanitized HTML and its headings, on a render thread (renderPool.ts). A body
 * that is not rendered within the deadline, or that the renderer cannot take (nesting thousands
 * deep), is shown as its plain text in paragraphs and the log says so: nothing is lost, and the
 * server's own thread is never held. Never throws.
 */
export async function renderMarkdown(markdown: string, options: RenderOptions = {}): Promise<RenderedBody> {
  const { file, ...pipelineOptions } = options;
  const state = renderer();
  const key = () => createHash('sha1').update(optionsKey(pipelineOptions)).update('\0').update(markdown).digest('base64');
  if (state.givenUp.size > 0 && (state.givenUp.get(key()) ?? 0) > Date.now()) return asText(markdown);
  const outcome = await state.pool.render(markdown, pipelineOptions);
  if (outcome.kind === 'rendered') return outcome.body;
  if (outcome.kind === 'unavailable') return renderHere(state, markdown, pipelineOptions, file, outcome.error);
  console.warn(`[render] warning ${describe(markdown, file)}: body: ${reason(outcome)}; shown as plain text`);
  giveUp(state.givenUp, key());
  return asText(markdown);
}

/** Where no render thread can be started, the body is rendered here, as before there were any. */
async function renderHere(state: Renderer, markdown: string, options: PipelineOptions, file: string | undefined, error: string): Promise<RenderedBody> {
  if (!state.saidUnavailable) console.error(`[render] error ${error}; bodies are rendered on the server's thread`);
  state.saidUnavailable = true;
  try {
    return await renderOnThisThread(markdown, options);
  } catch (thrown) {
    console.warn(`[render] warning ${describe(markdown, file)}: body: the Markdown renderer failed (${String(thrown)}); shown as plain text`);
    return asText(markdown);
  }
}

function reason(outcome: Exclude<RenderOutcome, { kind: 'rendered' | 'unavailable' }>): string {
  return outcome.kind === 'late' ? `not rendered as Markdown within ${outcome.limit}` : `the Markdown renderer failed (${outcome.error})`;
}

/** The file when the caller named it, else the body's length and first characters. */
function describe(markdown: string, file: string | undefined): string {
  return file ?? `a body of ${markdown.length} characters beginning ${JSON.stringify(markdown.slice(0, 40))}`;
}

function giveUp(givenUp: Map<string, number>, key: string): void {
  givenUp.delete(key);
  givenUp.set(key, Date.now() + GIVEN_UP_MS);
  // The oldest first, in the order they were given up.
  for (const oldest of givenUp.keys()) {
    if (givenUp.size <= GIVEN_UP_KEPT) break;
    givenUp.delete(oldest);
  }
}

const asText = (markdown: string): RenderedBody => ({ html: plainBodyHtml(markdown), toc: [] });
