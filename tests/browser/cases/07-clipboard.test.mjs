// Copy and paste between the canvas and the system clipboard (Emscripten 3.1.6's GLFW
// clipboard is a stub; web/js/library_apos.js bridges it).
import assert from 'node:assert/strict';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { pressKey, typeLikePerson, withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'Ctrl+V pastes the system clipboard into a canvas field, Ctrl+C copies back',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, context }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
        await page.evaluate(() => navigator.clipboard.writeText('21HD'));
        await clickWidget(page, 'MTM');
        // Keys as a hand presses them (held for a frame), so a loaded machine cannot drop one.
        await pressKey(page, 'Control+V');
        // The paste goes through the async clipboard API first: wait for it as a person would.
        await page.waitForFunction(
          () => /mtm=21HD/.test(document.querySelector('#apos-canvas').configurator.getState()), null, { timeout: 5000 });
        assert.match(await call(page, 'getState'), /mtm=21HD/);

        await clickWidget(page, 'Serial');
        await typeLikePerson(page, 'SN-0042');
        await pressKey(page, 'Control+A');
        await pressKey(page, 'Control+C');
        await waitFrames(page, 3);
        await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'SN-0042', null, { timeout: 5000 })
          .catch(() => {});
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'SN-0042');
      });
    },
  },
];
