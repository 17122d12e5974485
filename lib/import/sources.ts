import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceItems } from './feedItem';
import { safeName } from './articleFile';
import { readSource } from './readSource';

/** A place to import from: one file, one URL (or every JSON file of a folder, each its own). */
export interface SourceRef {
  /** As the report names it: "benzinga/list.json", "https://…/feed.xml". */
  label: string;
  /** Folder under `{lang}/news/`. */
  folder: string;
  load: () => Promise<string>;
}

const FETCH_TIMEOUT_MS = 30_000;
const isUrl = (value: string) => /^https?:\/\//i.test(value);

/** The folder a source's articles go to: --source, else the source file's folder (or, for a URL, its last folder or host). */
function folderFor(location: string, named: string | undefined): string {
  if (named) return safeName(named);
  if (isUrl(location)) {
    const url = new URL(location);
    const folders = url.pathname.split('/').filter(Boolean).slice(0, -1);
    return safeName(folders.at(-1) ?? url.hostname);
  }
  return safeName(path.basename(path.dirname(path.resolve(location))));
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: 'application/json, application/feed+json, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/** Every JSON file under a folder, walked. */
function jsonFilesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...jsonFilesUnder(full));
    else if (entry.isFile() && /\.json$/i.test(entry.name)) files.push(full);
  }
  return files.sort();
}

/**
 * What a command-line SOURCE names: a folder of upstream JSON files (each file one source, filed
 * under its own folder's name), one file, or a URL. A folder that cannot be listed is one source
 * that fails.
 */
export function resolveSources(location: string, named?: string): SourceRef[] {
  if (isUrl(location)) return [{ label: location, folder: folderFor(location, named), load: () => fetchText(location) }];
  let isFolder = false;
  try {
    isFolder = statSync(location).isDirectory();
  } catch {
    return [{ label: location, folder: folderFor(location, named), load: async () => readFileSync(location, 'utf8') }];
  }
  if (!isFolder) return [{ label: location, folder: folderFor(location, named), load: async () => readFileSync(location, 'utf8') }];
  return jsonFilesUnder(location).map((file) => ({
    label: path.relative(process.cwd(), file) || file,
    folder: folderFor(file, named),
    load: async () => readFileSync(file, 'utf8'),
  }));
}

/** A source's items, read and parsed. */
export async function loadSource(ref: SourceRef): Promise<SourceItems> {
  return { folder: ref.folder, items: await readSource(await ref.load()) };
}
