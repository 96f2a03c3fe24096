import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureTabBuilt, TAB_DIST } from '../scripts/build-tab.js';

/** First-load budget for the tab in a plain browser (gzipped JS + CSS that index.html loads). */
export const TAB_FIRST_LOAD_BUDGET_KB = 157;

export interface TabBundleReport {
  firstLoadGzipKb: number;
  onDemandGzipKb: number;
  ok: boolean;
}

export async function measureTabBundle(): Promise<TabBundleReport> {
  await ensureTabBuilt();
  const html = await readFile(path.join(TAB_DIST, 'index.html'), 'utf8');
  const firstLoad = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string));
  let first = 0;
  let onDemand = 0;
  for (const file of await readdir(path.join(TAB_DIST, 'assets'))) {
    if (!/\.(js|css)$/.test(file)) continue;
    const gz = gzipSync(await readFile(path.join(TAB_DIST, 'assets', file))).length / 1024;
    if (firstLoad.has(`assets/${file}`)) first += gz;
    else onDemand += gz;
  }
  const report = { firstLoadGzipKb: first, onDemandGzipKb: onDemand, ok: first <= TAB_FIRST_LOAD_BUDGET_KB };
  console.log('Tab bundle');
  console.log(`  first load (plain browser):   ${first.toFixed(1)} kB gzipped (budget <= ${TAB_FIRST_LOAD_BUDGET_KB} kB, ratio ${(first / TAB_FIRST_LOAD_BUDGET_KB).toFixed(2)})`);
  console.log(`  loaded on demand:             ${onDemand.toFixed(1)} kB gzipped (each screen when opened; TeamsJS, MSAL and themes only inside a host)\n`);
  return report;
}
