import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { safeName } from './articleFile';
import { decodeText } from './decodeText';
import type { SourceItems } from './feedItem';
import { DEFAULT_LIMITS, type Fetched, fetchSource, type FetchLimits } from './fetchSource';
import { readSource } from './readSource';

/** A place to import from: one file, one URL (or every JSON file of a folder, each its own). */
export interface SourceRef {
  /** As the report names it: "benzinga/list.json", "https://…/feed.xml". */
  label: string;
  /** Folder under `{lang}/news/`. */
  folder: string;
  load: () => Promise<Fetched>;
}

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

const readBytes = async (file: string): Promise<Fetched> => ({ bytes: readFileSync(file) });

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
export function resolveSources(location: string, named?: string, limits: FetchLimits = DEFAULT_LIMITS): SourceRef[] {
  if (isUrl(location)) return [{ label: location, folder: folderFor(location, named), load: () => fetchSource(location, limits) }];
  let isFolder = false;
  try {
    isFolder = statSync(location).isDirectory();
  } catch {
    return [{ label: location, folder: folderFor(location, named), load: () => readBytes(location) }];
  }
  if (!isFolder) return [{ label: location, folder: folderFor(location, named), load: () => readBytes(location) }];
  return jsonFilesUnder(location).map((file) => ({
    label: path.relative(process.cwd(), file) || file,
    folder: folderFor(file, named),
    load: () => readBytes(file),
  }));
}

/** A source's items, read, decoded by the charset it declares, and parsed. */
export async function loadSource(ref: SourceRef): Promise<SourceItems> {
  const { bytes, contentType } = await ref.load();
  return { folder: ref.folder, items: await readSource(decodeText(bytes, contentType)) };
}
