// A partner configures a device by hand on the canvas (real mouse moves, clicks and typing at
// the positions widgets() reports): the MTM type-ahead, the ship-date calendar, service
// checkboxes and a term combo. The quote, the page's DOM mirror and the CLI then agree. Bad
// input (unknown MTM, impossible date, broken link) shows a message and keeps what was typed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  assertNoErrors, call, clickWidget, findWidget, scrollToWidget, waitFrames,
} from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const CLI = process.env.APOS_CLI || resolve(new URL('.', import.meta.url).pathname, '../../../build/native/bin/apos');
const CATALOG = resolve(new URL('.', import.meta.url).pathname, '../../../catalog');

async function widgetNamed(page, pattern) {
  const widgets = await call(page, 'widgets');
  return widgets.find((w) => pattern.test(w.name));
}

async function typeKeys(page, text) {
  await page.keyboard.type(text);
  await waitFrames(page, 3);
}

// Held for one frame: ImGui 1.86 reads keys as "down this frame", so a press and release
// between two frames could go unseen; held longer, a slow frame could count as a key repeat.
async function press(page, key) {
  if (key.includes('+')) {
    await page.keyboard.press(key);
  } else {
    await page.keyboard.down(key);
    await waitFrames(page, 1);
    await page.keyboard.up(key);
  }
  await waitFrames(page, 2);
}

function stateValue(state, key) {
  const match = new RegExp(`(?:^|&)${key}=([^&]*)`).exec(state);
  return match ? decodeURIComponent(match[1]) : undefined;
}

// The 15th of the month before `day` (YYYY-MM-DD).
function fifteenthOfPreviousMonth(day) {
  let [year, month] = day.split('-').map(Number);
  month -= 1;
  if (month === 0) { month = 12; year -= 1; }
  return `${year}-${String(month).padStart(2, '0')}-15`;
}

export const tests = [
  {
    name: 'type-ahead MTM, calendar ship date, services by click: quote, DOM mirror and CLI agree',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {

        // Type-ahead: "21J" lists the three 21J* machine types; arrows move, Enter picks.
        await clickWidget(page, 'MTM');
        await typeKeys(page, '21J');
        for (const mt of ['21JK', '21JN', '21JR']) await findWidget(page, (await widgetNamed(page, new RegExp(`##pick:${mt}$`)))?.name ?? `##pick:${mt}`);
        // Enter picks the highlighted (first) entry. Arrow keys move the highlight too, but a
        // slow software-rendered frame can turn one press into a key repeat, so they are not
        // asserted here.
        await press(page, 'Enter');
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), '21JK');

        // No ship date is assumed: the field starts empty, the panel asks for it, no services yet.
        assert.equal(stateValue(await call(page, 'getState'), 'ship'), undefined, 'the ship date starts empty');
        assert.equal((await call(page, 'eligibility')).error.field, 'ship_date');
        assert.ok((await call(page, 'widgets')).some((w) => w.role === 'message' && /Ship date not set/.test(w.label)),
          'the device panel says the ship date is not set');

        // Ship date from the calendar: it opens on this month (the host's date); the previous
        // month's 15th keeps ADP's 90 days open.
        const now = new Date();
        const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
        await clickWidget(page, 'Pick##Ship date');
        await clickWidget(page, '\u2190##Previous month');
        const ship = fifteenthOfPreviousMonth(today);
        await clickWidget(page, `15##${ship}`);
        assert.equal(stateValue(await call(page, 'getState'), 'ship'), ship);
        assert.equal((await call(page, 'eligibility')).device.name, 'ThinkPad E14 Gen 5 (Intel)');

        // Services: tick the depot extension and ADP (which then matches the extension's term,
        // TERM-MATCH), and choose ADP's 2-year term in its combo.
        const extension = await widgetNamed(page, /##ext-depot:\d+$/) ?? { name: '##ext-depot' };
        const extensionName = extension.name;
        await scrollToWidget(page, extensionName, 'offer list');
        await clickWidget(page, extensionName);
        const extensionTerm = Number(extensionName.split(':').pop());
        const adp = (await widgetNamed(page, /##adp:\d+$/))?.name;
        assert.ok(adp, 'no ADP row');
        await scrollToWidget(page, adp, 'offer list');
        await clickWidget(page, adp);
        await scrollToWidget(page, 'Term of Accidental Damage Protection##term:adp', 'offer list');
        await clickWidget(page, 'Term of Accidental Damage Protection##term:adp');
        const twoYears = await widgetNamed(page, /^2 yr .*##2$/);
        assert.ok(twoYears, 'the ADP term combo lists 2 years');
        await clickWidget(page, twoYears.name);

        const quote = await call(page, 'quote');
        assert.deepEqual(quote.lines.map((l) => [l.id, l.term_years]), [['ext-depot', extensionTerm], ['adp', 2]]);
        assert.ok(quote.totals.list.minor > 0);

        // The DOM mirror beside the canvas shows the same quote as a table, with the same totals.
        await page.waitForFunction((text) => {
          const cell = document.querySelector('.apos-mirror-quote [data-total="list"]');
          return cell && cell.textContent === text;
        }, quote.totals.list.text);
        const mirror = await page.evaluate(() => ({
          lines: document.querySelectorAll('.apos-mirror-quote tbody tr[data-row="line"]').length,
          list: document.querySelector('.apos-mirror-quote [data-total="list"]').textContent,
          partner: document.querySelector('.apos-mirror-quote [data-total="partner_price"]').textContent,
          benefit: document.querySelector('.apos-mirror-quote [data-total="partner_benefit"]').textContent,
          margin: document.querySelector('.apos-mirror-quote [data-total="margin"]').textContent,
          summary: document.querySelector('.apos-mirror-summary').textContent,
          live: document.querySelector('.apos-mirror-summary').getAttribute('aria-live'),
          notice: document.querySelector('.apos-mirror-notice').textContent,
        }));
        assert.equal(mirror.lines, 2);
        assert.deepEqual([mirror.list, mirror.partner, mirror.benefit, mirror.margin],
          [quote.totals.list.text, quote.totals.partner_price.text, quote.totals.partner_benefit.text, quote.totals.margin]);
        assert.equal(mirror.live, 'polite');
        assert.ok(mirror.summary.includes(quote.totals.list.text), mirror.summary);
        assert.match(mirror.notice, /Sample catalog/);

        // The CLI prices the same request to the same quote.
        if (existsSync(CLI)) {
          const request = {
            as_of: quote.as_of,
            customer: { segment: 'smb' },
            items: [{ device: { mtm: '21JK', ship_date: ship },
                      services: [{ id: 'ext-depot', term_years: extensionTerm }, { id: 'adp', term_years: 2 }] }],
          };
          const cli = JSON.parse(execFileSync(CLI, ['quote', '--request', '-', '--catalog', CATALOG],
            { input: JSON.stringify(request), encoding: 'utf8' }));
          assert.deepEqual(quote, cli);
          assert.equal(mirror.list, cli.totals.list.text);
        }
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'an unknown MTM and an impossible date show a message and keep the typed text',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {
        await clickWidget(page, 'MTM');
        await typeKeys(page, 'ZZ99X');
        await clickWidget(page, 'Serial');
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), 'ZZ99X');
        assert.equal((await call(page, 'eligibility')).error.field, 'mtm');
        const message = (await call(page, 'widgets')).find((w) => w.role === 'message' && w.label.includes('ZZ99X'));
        assert.ok(message, 'no message about ZZ99X on the canvas');
        // The mirror's control list carries the message for screen readers too.
        await page.waitForFunction(() => document.getElementById('apos-mirror').textContent.includes('ZZ99X'));

        // An impossible ship date: the text stays, with a message; the last good date is kept.
        const shipBefore = stateValue(await call(page, 'getState'), 'ship');
        await clickWidget(page, '##Ship date');
        await typeKeys(page, '2025-02-30');
        await clickWidget(page, 'Serial');
        const dateMessage = (await call(page, 'widgets')).find((w) => w.role === 'message' && w.label.includes('"2025-02-30"'));
        assert.ok(dateMessage, 'no message about 2025-02-30');
        assert.equal(stateValue(await call(page, 'getState'), 'ship'), shipBefore);

        // The page keeps working: fix the MTM and the date, and the device resolves.
        await clickWidget(page, 'MTM');
        for (let i = 0; i < 6; i++) await press(page, 'Backspace');
        await typeKeys(page, '21JK');
        await clickWidget(page, '##Ship date');
        for (let i = 0; i < 10; i++) await press(page, 'Backspace');
        await typeKeys(page, '2025-06-01');
        await clickWidget(page, 'Serial');
        assert.equal(stateValue(await call(page, 'getState'), 'ship'), '2025-06-01');
        assert.equal((await call(page, 'eligibility')).device.mt, '21JK');
        assert.ok(!(await call(page, 'widgets')).some((w) => w.role === 'message' && w.label.includes('ZZ99X')));
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a broken link shows what is wrong and the configurator still works',
    async run(env) {
      await withConfigurator(env, { path: '/index.html#mtm=21JK&ship=2025-13-01' }, async ({ page, errors }) => {
        await waitFrames(page, 3);
        const message = (await call(page, 'widgets')).find((w) => w.role === 'message' && w.label.includes('2025-13-01'));
        assert.ok(message, 'no message about the broken link');
        await clickWidget(page, 'Dismiss');
        assert.ok(!(await call(page, 'widgets')).some((w) => w.role === 'message' && w.label.includes('2025-13-01')));
        await clickWidget(page, 'MTM');
        await typeKeys(page, '21HD');
        // The machine type is taken; the link gave no ship date, so the page asks for it.
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), '21HD');
        assert.equal((await call(page, 'eligibility')).error.field, 'ship_date');
        assertNoErrors(errors);
      });
    },
  },
];
