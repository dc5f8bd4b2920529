// Makes docs/screenshot-radar-marks.png: the example page at 1440x1150 with the generated 3,000-unit
// fleet of docs/screenshot-fleet.png and follow-up marks on it (the radar shows the open work; the
// table shows every unit with its mark).
// Usage: node tests/browser/screenshot_marks.mjs [out.png]   (APOS_DIST picks the dist/ folder)
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget, launchBrowser, openPage, waitForConfigurator, waitFrames } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = process.env.APOS_DIST ? resolve(process.env.APOS_DIST) : resolve(root, 'dist');
const out = resolve(process.argv[2] || resolve(root, 'docs/screenshot-radar-marks.png'));
const AS_OF = '2026-11-26';

const csv = execFileSync('python3', [resolve(root, 'tools/generate_fleet.py'), '--units', '3000', '--seed', '7',
                                     '--as-of', AS_OF, '--bad-rows', '0.01'], { encoding: 'utf8', maxBuffer: 1 << 26 });

const server = await startServer({ '/': dist });
const browser = await launchBrowser();
try {
  const { page, close } = await openPage(browser, `${server.origin}/index.html`, { viewport: { width: 1440, height: 1150 } });
  await waitForConfigurator(page);
  await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
  await clickWidget(page, 'Fleet');
  await page.evaluate((text) => document.querySelector('#apos-canvas').configurator.loadFleet(text, 'installed-base.csv'), csv);
  await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done',
                             null, { timeout: 120000 });
  // Marks as a partner would have them after a few weeks: the two largest customers answered
  // (one renewed, one will not), proposals out to a third, and a few single units of each kind.
  const units = await call(page, 'fleetUnits');
  const byCustomer = {};
  for (const u of units) byCustomer[u.customer] = (byCustomer[u.customer] || 0) + 1;
  const customers = Object.keys(byCustomer).sort((a, b) => byCustomer[b] - byCustomer[a]);
  const marks = [];
  units.forEach((u, i) => {
    if (u.customer === customers[0] || i % 9 === 1) marks.push({ serial: u.serial, kind: 'renewed', date: '2026-11-24' });
    else if (u.customer === customers[1] || i % 7 === 2)
      marks.push({ serial: u.serial, kind: 'wont_renew', date: '2026-11-20', reason: 'replacing them with new units' });
    else if (u.customer === customers[2] || i % 4 === 0) marks.push({ serial: u.serial, kind: 'sent', date: '2026-11-18' });
  });
  const file = JSON.stringify({ format: 'apos-follow-up-marks', version: 1, marks });
  await page.evaluate((text) => document.querySelector('#apos-canvas').configurator.loadFleet(text, 'marks.json'), file);
  await waitFrames(page, 3);
  await clickWidget(page, 'Show');
  await clickWidget(page, 'All units');
  await page.mouse.move(5, 5);  // no hover highlight in the picture
  await waitFrames(page, 4);
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${marks.length} marks)`);
  await close();
} finally {
  await browser.close();
  await server.close();
}
