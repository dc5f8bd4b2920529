// Makes docs/screenshot-radar-marks.png: the example page at 1440x1150 with the generated 3,000-unit
// fleet of docs/screenshot-fleet.png and follow-up marks on it (the radar shows the open work; the
// table shows every unit with its mark).
// Usage: node tests/browser/screenshot_marks.mjs [out.png] [WIDTHxHEIGHT] [text px]
//        (APOS_DIST picks the dist/ folder; the size and text size default to 1440x1150 and 15)
import { resolve } from 'node:path';
import { call, clickWidget, waitFrames } from './lib/browser.mjs';
import { ROOT, settleForPicture, withExampleFleet } from './lib/example_fleet.mjs';

const out = resolve(process.argv[2] || resolve(ROOT, 'docs/screenshot-radar-marks.png'));
const [width, height] = (process.argv[3] || '1440x1150').split('x').map(Number);
const textSize = Number(process.argv[4] || 15);

await withExampleFleet({ viewport: { width, height }, textSize }, async ({ page }) => {
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
  await settleForPicture(page);
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${marks.length} marks)`);
});
