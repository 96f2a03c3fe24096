// Makes sure dist/tab holds a production build of the current src/tab (npm start, npm test, the
// bench, end-to-end tests): builds when dist/tab/index.html is missing or older than any source the
// tab is built from. One build per process, however many callers ask. The build goes to a scratch
// folder and is then swapped in, so a server already serving dist/tab never sees half a build.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const TAB_DIST = path.join(REPO_ROOT, 'dist', 'tab');
const TAB_INDEX = path.join(TAB_DIST, 'index.html');
/** What the tab's bundle is built from (src/shared: the tab may import the domain core). */
const SOURCES = ['src/tab', 'src/shared', 'package-lock.json'].map((p) => path.join(REPO_ROOT, p));

let building: Promise<void> | undefined;

export function ensureTabBuilt(): Promise<void> {
  building ??= buildIfStale().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

async function buildIfStale(): Promise<void> {
  if (existsSync(TAB_INDEX) && newestMtime(SOURCES) <= statSync(TAB_INDEX).mtimeMs) return;
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const scratch = path.join(REPO_ROOT, 'dist', `.tab-build-${process.pid}-${Date.now()}`);
  try {
    await run(
      process.execPath,
      [vite, 'build', '--config', 'src/tab/vite.config.ts', '--outDir', scratch, '--logLevel', 'warn'],
      // Vitest sets NODE_ENV=test, which would give React's development build.
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 16 * 1024 * 1024 },
    );
    if (!existsSync(path.join(scratch, 'index.html'))) throw new Error(`The tab build did not produce ${scratch}/index.html`);
    const old = `${scratch}.old`;
    if (existsSync(TAB_DIST)) await rename(TAB_DIST, old);
    await rename(scratch, TAB_DIST);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    const output = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`Building the tab failed (npm run build:tab):\n${output}`, { cause: error });
  }
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  paths.forEach(visit);
  return newest;
}
