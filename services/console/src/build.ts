/**
 * Builds the web app with Vite (in a child process: Vite ships ES modules only, and its build is kept
 * out of the caller's heap). Used by `startStack({ console })` (make demo), the browser test and
 * `npm run build:web -w @ledgerbus/console`. The output goes to a fresh directory first and replaces
 * dist/web in one rename, so a server never serves half a build.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** services/console (this file is in src/ or, compiled, in dist/). */
export const CONSOLE_ROOT = resolve(__dirname, '..');

/** Where the built app is served from. */
export function consoleWebDir(): string {
  return join(CONSOLE_ROOT, 'dist', 'web');
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/web is missing or older than a source of the app (web/, vite.config.ts, package.json). */
export async function consoleBuildIsStale(): Promise<boolean> {
  const built = await stat(join(consoleWebDir(), 'index.html')).catch(() => undefined);
  if (built === undefined) return true;
  const sources = Math.max(
    await newestMtime(join(CONSOLE_ROOT, 'web')),
    await newestMtime(join(CONSOLE_ROOT, 'vite.config.ts')),
    await newestMtime(join(CONSOLE_ROOT, 'package.json')),
  );
  return sources > built.mtimeMs;
}

function viteBin(): string {
  return join(dirname(require.resolve('vite/package.json', { paths: [CONSOLE_ROOT] })), 'bin', 'vite.js');
}

export interface BuildResult {
  webDir: string;
  built: boolean;
  ms: number;
}

/** Builds the app when it is missing or stale (or always with `force`). Throws with Vite's output when the build fails. */
export async function buildConsole(options: { force?: boolean } = {}): Promise<BuildResult> {
  const started = Date.now();
  const webDir = consoleWebDir();
  if (options.force !== true && !(await consoleBuildIsStale())) return { webDir, built: false, ms: Date.now() - started };
  const outDir = `${webDir}.build-${process.pid}-${Date.now()}`;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [viteBin(), 'build', '--config', join(CONSOLE_ROOT, 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: CONSOLE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('close', resolvePromise);
  });
  if (code !== 0 || !existsSync(join(outDir, 'index.html'))) {
    await rm(outDir, { recursive: true, force: true });
    throw new Error(`the console build failed (exit ${String(code)}):\n${output.join('').slice(-4000)}`);
  }
  await rm(webDir, { recursive: true, force: true });
  await rename(outDir, webDir);
  return { webDir, built: true, ms: Date.now() - started };
}
