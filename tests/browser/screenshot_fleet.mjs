// Makes docs/screenshot-fleet.png: the example page at 1440x900 with a generated fleet of 3,000
// units loaded in the Fleet view (radar, totals, customers, units table).
// Usage: node tests/browser/screenshot_fleet.mjs [out.png] [WIDTHxHEIGHT] [text px]
//        (APOS_DIST picks the dist/ folder; the size and text size default to 1440x900 and 15)
import { resolve } from 'node:path';
import { ROOT, settleForPicture, withExampleFleet } from './lib/example_fleet.mjs';

const out = resolve(process.argv[2] || resolve(ROOT, 'docs/screenshot-fleet.png'));
const [width, height] = (process.argv[3] || '1440x900').split('x').map(Number);
const textSize = Number(process.argv[4] || 15);

await withExampleFleet({ viewport: { width, height }, textSize }, async ({ page }) => {
  await settleForPicture(page);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
});
