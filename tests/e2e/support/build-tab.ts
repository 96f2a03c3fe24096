// Makes sure dist/tab holds a build of the current src/tab before an end-to-end test serves it:
// builds when dist/tab/index.html is missing or older than any source the tab is built from.
// One build per test process, however many tests ask.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
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
  try {
    await run(process.execPath, [vite, 'build', '--config', 'src/tab/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`Building the tab failed (npm run build:tab):\n${output}`, { cause: error });
  }
  if (!existsSync(TAB_INDEX)) throw new Error(`The tab build did not produce ${TAB_INDEX}`);
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
