// Takes docs/screenshot-web.png: the example page at
// 1440x1500 with a configured ThinkPad E14 (ship date five weeks before the as-of date, so ADP is
// still open), a few services on the quote and blocked offers in the list.
// Usage: node tests/browser/make_screenshot.mjs [dist folder]   (default: dist/)
import { resolve } from 'node:path';
import { call, clickWidget, launchBrowser, openPage, waitForConfigurator, waitFrames } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const root = resolve(new URL('.', import.meta.url).pathname, '../..');
const dist = resolve(process.argv[2] || process.env.APOS_DIST || `${root}/dist`);
const STATE = 'mtm=21JKCTO1WW&ship=2026-10-20&asof=2026-11-26&svc=ext-onsite-nbd%3A3%2Cadp%3A3%2Ckyd%3A5';

const server = await startServer({ '/': dist });
const browser = await launchBrowser();
const { page, close } = await openPage(browser, `${server.origin}/index.html#${STATE}`, { viewport: { width: 1440, height: 1500 } });
try {
  await waitForConfigurator(page);
  await waitFrames(page, 5);
  await page.mouse.move(5, 5);  // no hover tooltips in the picture
  await waitFrames(page, 3);
  // A tall page: the quote and its timeline show together below the services.
  await page.screenshot({ path: `${root}/docs/screenshot-web.png` });
  console.log(`quote total: ${(await call(page, 'quote')).totals.list.text}`);
} finally {
  await close();
  await browser.close();
  await server.close();
}
