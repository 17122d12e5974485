/*
 * The Vercel CLI's `vercel build`, offline, on a copy of the checkout (tests/vercelBuild.test.ts and
 * the measurement in docs/deploying.md). The CLI is installed at run time into a folder of its own
 * (pinned; never a dependency of the site: only this test uses it), and builds with a
 * `.vercel/project.json` naming the framework, so it needs no account and no network past npm.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const VERCEL_VERSION = '58.10.0';
/** Vercel's limit on a function's size, unzipped. */
export const FUNCTION_LIMIT_BYTES = 250 * 1024 * 1024;

/** Installs the pinned CLI into `prefix` (kept there: VERCEL_CLI_PREFIX names one to reuse) and returns its binary. */
export function installVercel(prefix: string): string {
  const binary = path.join(prefix, 'node_modules', '.bin', 'vercel');
  const installed = path.join(prefix, 'node_modules', 'vercel', 'package.json');
  if (existsSync(installed) && (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version === VERCEL_VERSION) return binary;
  mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['i', '-E', `vercel@${VERCEL_VERSION}`, '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'pipe' });
  return binary;
}

/**
 * Copies the checkout as git sees it (tracked and new files, not what .gitignore leaves out) with
 * its node_modules into `target`, and names the framework for the CLI. `content` replaces the
 * content folder when given (the corpus, for the measurement).
 */
export function copyCheckout(root: string, target: string, content?: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && (!content || !file.startsWith('content/')) && existsSync(path.join(root, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(target, file), { preserveTimestamps: true });
  }
  cpSync(path.join(root, 'node_modules'), path.join(target, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  if (content) cpSync(content, path.join(target, 'content'), { recursive: true, preserveTimestamps: true });
  mkdirSync(path.join(target, '.vercel'), { recursive: true });
  writeFileSync(path.join(target, '.vercel', 'project.json'), JSON.stringify({ projectId: '_', orgId: '_', settings: { framework: 'nextjs' } }));
}

/** Runs `vercel build` in `dir` with `env` added; resolves with its output, rejects with it when the build fails. */
export function vercelBuild(binary: string, dir: string, env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    // The test runner's NODE_ENV (test) and a build folder of its own are not the deployment's.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && name !== 'NEXT_DIST_DIR'));
    const childEnv: Record<string, string | undefined> = { ...inherited, VERCEL_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1', ...env };
    const child = spawn(binary, ['build', '--yes'], { cwd: dir, env: childEnv as unknown as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`vercel build exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

export interface VercelFunction {
  /** Its folder under .vercel/output/functions, one per function (the routes that link to it share it). */
  name: string;
  /** Unzipped: the files in its folder and every file its .vc-config.json's filePathMap ships from the project. */
  bytes: number;
  files: number;
  /** What it ships from the content folder (the test wants none). */
  content: string[];
}

/**
 * Bytes and files under a path as a function's archive holds them: a symlink is shipped as a link
 * (Next.js links `.next/node_modules/<package>-<hash>` to the package, whose traced files are
 * shipped on their own), so it is not followed.
 */
function sizeOf(file: string, seen: Set<string>): { bytes: number; files: number } {
  if (seen.has(file)) return { bytes: 0, files: 0 };
  seen.add(file);
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    return { bytes: 0, files: 0 };
  }
  if (!stats.isDirectory()) return { bytes: stats.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(file)) {
    const inner = sizeOf(path.join(file, entry), seen);
    bytes += inner.bytes;
    files += inner.files;
  }
  return { bytes, files };
}

/** Every function `vercel build` wrote into `dir`/.vercel/output, with what it ships. */
export function vercelFunctions(dir: string): VercelFunction[] {
  const root = path.join(dir, '.vercel', 'output', 'functions');
  const found: VercelFunction[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (lstatSync(full).isSymbolicLink()) continue; // A route sharing another's function.
      if (!statSync(full).isDirectory()) continue;
      if (!entry.endsWith('.func')) {
        walk(full);
        continue;
      }
      const config = JSON.parse(readFileSync(path.join(full, '.vc-config.json'), 'utf8')) as { filePathMap?: Record<string, string> };
      const seen = new Set<string>();
      const own = sizeOf(full, seen);
      let bytes = own.bytes;
      let files = own.files;
      const shipped = Object.entries(config.filePathMap ?? {});
      for (const [, source] of shipped) {
        const size = sizeOf(path.resolve(dir, source), seen);
        bytes += size.bytes;
        files += size.files;
      }
      const inFolder = execFileSync('find', [full, '-path', '*/content/*'], { encoding: 'utf8' }).split('\n').filter(Boolean);
      const content = [
        ...shipped.flatMap(([to, from]) => (/^(\.\/)?content\//.test(to) || /^(\.\/)?content\//.test(from) ? [to] : [])),
        ...inFolder.map((file) => path.relative(full, file)).filter((file) => /^content\//.test(file)),
      ];
      found.push({ name: path.relative(root, full), bytes, files, content });
    }
  };
  walk(root);
  return found;
}
