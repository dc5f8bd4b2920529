// Copy and paste between the canvas and the system clipboard (Emscripten 3.1.6's GLFW
// clipboard is a stub; web/js/library_apos.js bridges it).
import assert from 'node:assert/strict';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'Ctrl+V pastes the system clipboard into a canvas field, Ctrl+C copies back',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, context }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
        await page.evaluate(() => navigator.clipboard.writeText('21HD'));
        await clickWidget(page, 'MTM');
        await page.keyboard.press('Control+V');
        await waitFrames(page, 6);  // the paste goes through the async clipboard API first
        assert.match(await call(page, 'getState'), /mtm=21HD/);

        await clickWidget(page, 'Serial');
        await page.keyboard.type('SN-0042');
        await waitFrames(page, 2);
        await page.keyboard.press('Control+A');
        await waitFrames(page, 2);
        await page.keyboard.press('Control+C');
        await waitFrames(page, 3);
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'SN-0042');
      });
    },
  },
];
