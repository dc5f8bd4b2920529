// The hosted page (dist/index.html): it loads, draws, stays on its origin and respects the DPR.
import assert from 'node:assert/strict';
import {
  assertCanvasNotBlank, assertNoErrors, assertSameOrigin, call, waitFrames,
} from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'the page loads, draws the configurator and reports no errors',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {
        assert.deepEqual(await call(page, 'catalogErrors'), []);
        await assertCanvasNotBlank(page);
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'no request leaves the origin',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, requests }) => {
        await call(page, 'configure', [{ as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        await page.waitForTimeout(500);
        assertSameOrigin(requests, env.origin);
        // What the page needs, and nothing else: page, styles, scripts, wasm, catalog, font.
        const paths = requests.map((url) => new URL(url).pathname);
        for (const wanted of ['/apos.js', '/apos.wasm', '/catalog/offerings.json', '/font/apos-sans.ttf']) {
          assert.ok(paths.includes(wanted), `${wanted} was not requested`);
        }
      });
    },
  },
  {
    name: 'the backing store follows the container size x devicePixelRatio 2',
    async run(env) {
      await withConfigurator(env, { deviceScaleFactor: 2 }, async ({ page, errors }) => {
        const size = await page.evaluate(() => {
          const c = document.getElementById('apos-canvas');
          const frame = c.parentElement.getBoundingClientRect();
          return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight,
                   frameWidth: Math.floor(frame.width) - 2, frameHeight: Math.floor(frame.height) - 2 };
        });
        assert.equal(size.width, size.cssWidth * 2);
        assert.equal(size.height, size.cssHeight * 2);
        assert.ok(Math.abs(size.cssWidth - size.frameWidth) <= 1, `canvas ${size.cssWidth} px wide in a ${size.frameWidth} px frame`);
        // Widget rectangles come back in CSS pixels, inside the canvas.
        const widgets = await call(page, 'widgets');
        const mtm = widgets.find((w) => w.label === 'MTM');
        assert.ok(mtm, 'MTM field in the widget table');
        assert.ok(mtm.x >= 0 && mtm.x + mtm.w <= size.cssWidth && mtm.y >= 0 && mtm.y + mtm.h <= size.cssHeight,
          `MTM rect ${JSON.stringify(mtm)} outside a ${size.cssWidth}x${size.cssHeight} canvas`);
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a devicePixelRatio change (browser zoom) resizes the backing store and the font',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, context, errors }) => {
        const before = await call(page, 'widgets');
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1400, height: 900, deviceScaleFactor: 2, mobile: false });
        await waitFrames(page, 3);
        const size = await page.evaluate(() => {
          const c = document.getElementById('apos-canvas');
          return { ratio: window.devicePixelRatio, width: c.width, cssWidth: c.clientWidth };
        });
        assert.equal(size.ratio, 2);
        assert.equal(size.width, size.cssWidth * 2);
        // Same layout in CSS pixels: the font and style were scaled with the ratio.
        const mtmBefore = before.find((w) => w.label === 'MTM');
        const mtmAfter = (await call(page, 'widgets')).find((w) => w.label === 'MTM');
        assert.ok(Math.abs(mtmAfter.h - mtmBefore.h) <= 1.5, `MTM field ${mtmBefore.h} px high before, ${mtmAfter.h} after`);
        await assertCanvasNotBlank(page);
        assertNoErrors(errors);
      });
    },
  },
];
