// The set-up the fleet screenshots share: the example page served from dist/, a generated
// 3,000-unit fleet (same bytes for the same arguments) loaded in the Fleet view, optionally at a
// given text size and with follow-up marks; the caller takes its picture from the open page.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget, launchBrowser, openPage, waitForConfigurator, waitFrames } from './browser.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');
export const AS_OF = '2026-11-26';

/** The generated installed base the docs pictures show (tools/generate_fleet.py). */
export function exampleFleetCsv(units = 3000) {
  return execFileSync('python3', [resolve(ROOT, 'tools/generate_fleet.py'), '--units', String(units), '--seed', '7',
                                  '--as-of', AS_OF, '--bad-rows', '0.01'], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/**
 * Opens the example page at `viewport` (text size `textSize` px as a kept preference), loads the
 * example fleet and runs `body({page})`; server, browser and page are closed afterwards.
 */
export async function withExampleFleet({ viewport, textSize = 15, units = 3000 }, body) {
  const dist = process.env.APOS_DIST ? resolve(process.env.APOS_DIST) : resolve(ROOT, 'dist');
  const csv = exampleFleetCsv(units);
  const server = await startServer({ '/': dist });
  const browser = await launchBrowser();
  try {
    const initScript = `localStorage.setItem('apos-preferences', '${JSON.stringify({ dark: false, text_size: textSize })}')`;
    const { page, close } = await openPage(browser, `${server.origin}/index.html`, { viewport, initScript });
    try {
      await waitForConfigurator(page);
      await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
      await clickWidget(page, 'Fleet');
      await page.evaluate((text) => document.querySelector('#apos-canvas').configurator.loadFleet(text, 'installed-base.csv'), csv);
      await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done',
                                 null, { timeout: 120000 });
      await waitFrames(page, 3);
      return await body({ page });
    } finally {
      await close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Moves the pointer off the canvas and lets a few frames pass: no hover highlight in the picture. */
export async function settleForPicture(page) {
  await page.mouse.move(5, 5);
  await waitFrames(page, 4);
}
