import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * Runs one full garbage collection now. For after a one-off bulk job (the search index build)
 * that leaves hundreds of megabytes of dead typed arrays: V8 frees their memory only at its next
 * full collection, which an idle server may not run for hours, so the process would hold it.
 * Node exposes `gc` only behind a flag; the flag set at run time installs it in new contexts
 * (the way Jest's leak detector reaches it).
 */
export function collectGarbage(): void {
  try {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    // A runtime without it keeps the memory a while longer; nothing is wrong.
  }
}
