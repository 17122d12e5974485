import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** Runs a process that logs for a second while the pipes its log goes to are closed; its exit code. */
async function logIntoClosedPipes(guarded: boolean): Promise<number | null> {
  dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-pipes-'));
  const script = path.join(dir, 'logger.ts');
  writeFileSync(
    script,
    [
      `import { ignoreClosedLogPipes } from ${JSON.stringify(path.resolve('lib/server/closedLogPipes'))};`,
      guarded ? 'ignoreClosedLogPipes();' : '',
      'const until = Date.now() + 1000;',
      'const tick = () => { console.log("a log line"); console.error("a warning"); if (Date.now() < until) setTimeout(tick, 5); };',
      'setTimeout(tick, 200);',
    ].join('\n'),
  );
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  // The reader of the server's log goes away.
  child.stdout.destroy();
  child.stderr.destroy();
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('a closed log pipe', () => {
  it('is an uncaught error without the guard, and is ignored with it', async () => {
    expect(await logIntoClosedPipes(false)).not.toBe(0);
    expect(await logIntoClosedPipes(true)).toBe(0);
  });
});
