// Keyboard: the host page's own fields keep Backspace and Tab while the configurator is on the
// page, and the canvas gets keys (Backspace included) only while it has focus.
import assert from 'node:assert/strict';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { pressKey, withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'the host form field keeps Backspace and Tab',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await page.click('#host-field');
        await page.keyboard.type('PO-12345');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Backspace');
        assert.equal(await page.inputValue('#host-field'), 'PO-123');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'host-notes');
        await page.keyboard.press('Shift+Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'host-field');
        // The configurator saw none of it.
        await waitFrames(page, 2);
        assert.ok(!(await call(page, 'getState')).includes('mtm='), 'typing in the host field reached the configurator');
      });
    },
  },
  {
    name: 'typing into the canvas edits the MTM field, Backspace included',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await clickWidget(page, 'MTM');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'apos-canvas');
        for (const key of ['2', '1', 'H', 'D', 'X', 'Backspace']) {
          // Held for a frame: ImGui 1.86 reads Backspace as "down this frame", and a press and
          // release between two (slow, software-rendered) frames would go unseen.
          await page.keyboard.down(key);
          await waitFrames(page, 1);
          await page.keyboard.up(key);
          await waitFrames(page, 2);
        }
        const state = await call(page, 'getState');
        assert.ok(state.includes('mtm=21HD&') || state.endsWith('mtm=21HD'), `state is "${state}"`);
        // The machine type is taken; no ship date is assumed, so the answer asks for it by name.
        const eligibility = await call(page, 'eligibility');
        assert.equal(eligibility.error && eligibility.error.field, 'ship_date', JSON.stringify(eligibility));
        assert.match(eligibility.error.message, /not set: enter the ship date/);
        // Focus leaves the canvas again and the host field works as before.
        await page.click('#host-field');
        await page.keyboard.type('ok');
        await page.keyboard.press('Backspace');
        assert.equal(await page.inputValue('#host-field'), 'o');
      });
    },
  },
  {
    name: 'Tab moves on inside the canvas; Esc stops editing, and a second Esc gives the focus back to the page',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await clickWidget(page, 'MTM');
        // Keys as a hand presses them (held for a frame): ImGui 1.86 reads whether a key is down,
        // so a press shorter than a frame on a loaded machine would never reach it.
        await pressKey(page, 'Tab');  // the next widget of the canvas (the focus ring)
        await waitFrames(page, 2);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'apos-canvas');
        await pressKey(page, 'Escape');  // stop editing
        await waitFrames(page, 6);
        await page.waitForTimeout(200);
        await pressKey(page, 'Escape');  // nothing open or edited: no keyboard trap
        // The hand-back happens in the frame that reads the key; wait for it, as a person would.
        await page.waitForFunction(() => document.activeElement.id !== 'apos-canvas', null, { timeout: 5000 });
        assert.notEqual(await page.evaluate(() => document.activeElement.id), 'apos-canvas');
      });
    },
  },
];
