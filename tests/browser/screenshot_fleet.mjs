// Makes docs/screenshot-fleet.png: the example page at 1440x900 with a generated fleet of 3,000
// units loaded in the Fleet view (radar, totals, customers, units table).
// Usage: node tests/browser/screenshot_fleet.mjs [out.png]   (APOS_DIST picks the dist/ folder)
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget, launchBrowser, openPage, waitForConfigurator, waitFrames } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = process.env.APOS_DIST ? resolve(process.env.APOS_DIST) : resolve(root, 'dist');
const out = resolve(process.argv[2] || resolve(root, 'docs/screenshot-fleet.png'));
const AS_OF = '2026-11-26';

// Same bytes every time: the generator is deterministic for its arguments.
const csv = execFileSync('python3', [resolve(root, 'tools/generate_fleet.py'), '--units', '3000', '--seed', '7',
                                     '--as-of', AS_OF, '--bad-rows', '0.01'], { encoding: 'utf8', maxBuffer: 1 << 26 });

const server = await startServer({ '/': dist });
const browser = await launchBrowser();
try {
  const { page, close } = await openPage(browser, `${server.origin}/index.html`, { viewport: { width: 1440, height: 900 } });
  await waitForConfigurator(page);
  await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
  await clickWidget(page, 'Fleet');
  await page.evaluate((text) => document.querySelector('#apos-canvas').configurator.loadFleet(text, 'installed-base.csv'), csv);
  await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done',
                             null, { timeout: 120000 });
  await page.mouse.move(5, 5);  // no hover highlight in the picture
  await waitFrames(page, 4);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
  await close();
} finally {
  await browser.close();
  await server.close();
}
