import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Top-level names of public/ (images/, favicon.ico…): requests for them are files, not pages.
 * Read once; public/ only changes with a deployment.
 */
export function publicTopLevelNames(): Set<string> {
  try {
    return new Set(readdirSync(path.join(/*turbopackIgnore: true*/ process.cwd(), 'public')));
  } catch {
    return new Set();
  }
}
