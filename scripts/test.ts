import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './local-stack.js';
import { ensureTabBuilt } from './build-tab.js';

/**
 * `npm test`: typecheck, lint, then every vitest project (unit, integration, end-to-end), and a
 * closing "N passed, N failed" line. Installs Debian's Chromium for the end-to-end tests when it
 * is missing and we are root; otherwise says exactly what to run.
 */
const bin = (name: string) => path.join(REPO_ROOT, 'node_modules/.bin', name);

function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed.`);
    process.exit(r.status ?? 1);
  }
}

function ensureChromium(): void {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error('Chromium is needed for the end-to-end tests. Run:  sudo apt-get update && sudo apt-get install -y chromium');
    process.exit(1);
  }
  step('Installing Debian chromium for end-to-end tests', 'bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
}

step('Typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('Lint', bin('eslint'), ['.']);
step('Format', bin('prettier'), ['--check', '.']);
ensureChromium();
console.log('\n▶ Build tab');
try {
  await ensureTabBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const reportDir = mkdtempSync(path.join(tmpdir(), 'vitest-report-'));
const report = path.join(reportDir, 'report.json');
console.log('\n▶ Unit, integration and end-to-end tests');
const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, E2E_SCREENSHOT_DIR: reportDir },
});

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 0, testResults: [] as { status: string; assertionResults: unknown[] }[] };
if (existsSync(report)) summary = { ...summary, ...(JSON.parse(readFileSync(report, 'utf8')) as typeof summary) };
const skipped = summary.numPendingTests + summary.numTodoTests;
// A test file that fails to load runs no test: counted apart, or the line would read '0 failed'.
const unloaded = summary.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
const files = unloaded > 0 ? `; ${unloaded} test file(s) did not load` : '';
console.log(`\nTests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped${files}`);
if (run.status !== 0 || summary.numFailedTests > 0 || unloaded > 0 || summary.numTotalTests === 0) process.exit(run.status || 1);
