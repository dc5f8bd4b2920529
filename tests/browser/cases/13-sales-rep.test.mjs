// Issue 13: the main flow as a sales rep at a reseller goes through it, with real pointer and key
// events at a person's pace, starting from the host page's own fields: the type-ahead picked by
// a click and searched by name, keys that stay in the canvas, the whole flow by keyboard, the
// layout at three screens and four text sizes, plain words, the two printouts, a link after a
// fleet hand-off, and the preferences kept between visits.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { call, findWidget, waitFrames } from '../lib/browser.mjs';
import {
  activeId, artifactPath, clickLikePerson, focusedWidget, pause, pressKey, stateValue, typeLikePerson,
  widgetMatching, withConfigurator,
} from '../lib/person.mjs';

const AS_OF = '2026-11-26';
// A configured quote with several services: the layout test renders it at every size.
const FULL_QUOTE = {
  as_of: AS_OF,
  customer: { segment: 'education', new_customer: true, programs: ['NCB'] },
  items: [{
    device: { mtm: '21JKCTO1WW', serial: 'PF4XYZ01', ship_date: '2026-10-01', channel: 'distributor', quantity: 25 },
    services: [{ kind: 'extension', term_years: 3 }, { id: 'adp', term_years: 3 }, { id: 'sbty', term_years: 3 }],
  }],
};
// One line of it needs approval (the whiteboard service for a 120-unit distributor order).
const APPROVAL_QUOTE = {
  as_of: AS_OF,
  customer: { segment: 'enterprise' },
  items: [{
    device: { mtm: '30FM', ship_date: '2024-05-10', channel: 'distributor', segment: 'enterprise', quantity: 120 },
    services: [{ id: 'des-whiteboard', term_years: 0 }],
  }],
};

async function messages(page) {
  return (await call(page, 'widgets')).filter((w) => w.role === 'message').map((w) => w.label);
}

export const tests = [
  {
    name: 'type-ahead: a click on a match picks it; a name being typed shows matches, no error, no tooltip',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1280, height: 720 } }, async ({ page, errors }) => {
        await page.click('#host-field');
        await clickLikePerson(page, 'MTM');
        await typeLikePerson(page, '21J');
        const match = await widgetMatching(page, /##pick:21JN$/);
        assert.ok(match, 'typing "21J" lists 21JN');
        await clickLikePerson(page, match.name);
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), '21JN', 'the clicked match is picked');
        // The machine type is taken; the ship date starts empty, so it is what the page asks for next.
        const answer = await call(page, 'eligibility');
        assert.equal(answer.error && answer.error.field, 'ship_date', JSON.stringify(answer));
        assert.deepEqual((await messages(page)).filter((m) => /not in the catalog/.test(m)), []);

        // Search by name: select the text, type a model name with a space in it.
        await clickLikePerson(page, 'MTM');
        await pressKey(page, 'Control+a');
        await pressKey(page, 'Backspace');
        await typeLikePerson(page, 'ThinkPad T');
        const widgets = await call(page, 'widgets');
        const picks = widgets.filter((w) => w.visible && /##pick:/.test(w.name));
        assert.ok(picks.length >= 1, 'a name lists its machine types');
        assert.ok(picks.every((w) => /ThinkPad T/.test(w.label)), picks.map((w) => w.label).join(' | '));
        const red = (await messages(page)).filter((m) => /not in the catalog/.test(m));
        assert.deepEqual(red, [], 'no error while the text still matches machine types');
        const first = picks[0];
        for (const tip of widgets.filter((w) => w.role === 'tooltip')) {
          const overlaps = tip.x < first.x + first.w && first.x < tip.x + tip.w && tip.y < first.y + first.h && first.y < tip.y + tip.h;
          assert.ok(!overlaps, `a tooltip covers the first match: ${JSON.stringify(tip)}`);
        }
        // Picking the first match by a click ends the search.
        await clickLikePerson(page, first.name);
        const picked = first.name.split('##pick:')[1];
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), picked);
        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'keys meant for the canvas do not scroll the host page while a canvas field is edited',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1280, height: 720 } }, async ({ page }) => {
        const scrollable = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 50);
        assert.ok(scrollable, 'the host page must be taller than the window for this test to mean anything');
        await page.mouse.move(640, 300);
        await page.mouse.wheel(0, 120);  // a person scrolls a little, so both directions could move
        await page.waitForTimeout(200);
        await clickLikePerson(page, 'MTM');
        const before = await page.evaluate(() => scrollY);
        await typeLikePerson(page, 'ThinkPad T');
        for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'Space', 'PageDown', 'End', 'Home']) await pressKey(page, key);
        const after = await page.evaluate(() => scrollY);
        assert.equal(after, before, `the page scrolled from ${before} to ${after} px`);
        assert.equal(await activeId(page), 'apos-canvas');
        // The space went into the field all the same.
        const field = (await call(page, 'widgets')).find((w) => w.label === 'MTM');
        assert.ok(field, 'MTM field');
        assert.match(stateValue(await call(page, 'getState'), 'mtm') || '', /^THINKPAD T/);
      });
    },
  },
  {
    name: 'keyboard only from the host field: Tab in, type, Tab/Shift+Tab through widgets, Space and Enter act, Esc closes then leaves',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '', ship_date: '2026-10-01' } }]);
        await page.focus('#host-notes');
        await pressKey(page, 'Tab');
        assert.equal(await activeId(page), 'apos-canvas', 'Tab from the host field reaches the canvas');
        await waitFrames(page, 3);
        let focus = await focusedWidget(page);
        assert.equal(focus && focus.label, 'MTM', 'the first field of the flow has the focus');
        assert.ok(focus.editing, 'and takes typing at once');
        await typeLikePerson(page, '21JK');
        assert.equal(stateValue(await call(page, 'getState'), 'mtm'), '21JK');

        // Tab moves on through every kind of widget (fields, combos, checkboxes, buttons).
        await pressKey(page, 'Tab');
        focus = await focusedWidget(page);
        assert.equal(focus && focus.label, 'Serial');
        const seen = new Set();
        let checkbox;
        for (let i = 0; i < 40 && !checkbox; i++) {
          await pressKey(page, 'Tab');
          focus = await focusedWidget(page);
          assert.ok(focus, `after ${i + 2} Tabs nothing has the focus`);
          assert.equal(await activeId(page), 'apos-canvas');
          seen.add(focus.role);
          if (focus.label === 'New customer') checkbox = focus;
        }
        assert.ok(checkbox, 'Tab reaches the "New customer" checkbox');
        assert.ok(seen.has('expandable') && seen.has('text field'), [...seen].join(','));
        await pressKey(page, 'Space');
        assert.equal((await focusedWidget(page)).checked, true, 'Space ticks the focused checkbox');
        await pressKey(page, 'Enter');
        assert.equal((await focusedWidget(page)).checked, false, 'Enter acts on it too');

        // Back to a combo with Shift+Tab; Enter opens it, Esc closes it, the next Esc leaves.
        let combo;
        for (let i = 0; i < 20 && !combo; i++) {
          await pressKey(page, 'Shift+Tab');
          const f = await focusedWidget(page);
          if (f && f.label === 'Segment') combo = f;
        }
        assert.ok(combo, 'Shift+Tab goes back to the Segment combo');
        await pressKey(page, 'Enter');
        assert.equal((await findWidget(page, 'Segment')).opened, true, 'Enter opens the combo');
        await pressKey(page, 'Escape');
        assert.equal((await findWidget(page, 'Segment')).opened, false, 'Esc closes it');
        assert.equal(await activeId(page), 'apos-canvas', 'the first Esc only closes the list');
        await pressKey(page, 'Escape');
        assert.notEqual(await activeId(page), 'apos-canvas', 'Esc with nothing open leaves the canvas');

        // Shift+Tab from the first widget leaves at the front, back to the host page's field.
        await page.focus('#host-notes');
        await pressKey(page, 'Tab');
        let left = false;
        for (let i = 0; i < 30 && !left; i++) {
          await pressKey(page, 'Shift+Tab');
          left = (await activeId(page)) !== 'apos-canvas';
        }
        assert.ok(left, 'Shift+Tab leaves the canvas at its first widget');
        assert.equal(await activeId(page), 'host-notes');
      });
    },
  },
  {
    name: 'Tab and Shift+Tab reach widgets scrolled out of view and bring each one into view (1280x720, Larger text)',
    async run(env) {
      // Larger text on a small screen: the device panel is taller than its column and scrolls.
      const initScript = `localStorage.setItem('apos-preferences', '${JSON.stringify({ dark: false, text_size: 22 })}')`;
      await withConfigurator(env, { viewport: { width: 1280, height: 720 }, initScript }, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [FULL_QUOTE]), { ok: true, errors: [] });
        await waitFrames(page, 3);
        const inViewAtFirst = new Set((await call(page, 'widgets')).filter((w) => w.visible).map((w) => w.id));
        await page.focus('#host-notes');
        await pressKey(page, 'Tab');
        assert.equal(await activeId(page), 'apos-canvas', 'Tab from the host field reaches the canvas');
        const path = [];
        let reached;  // the first widget Tab focused that was out of view when the page opened
        for (let i = 0; i < 40 && !reached; i++) {
          await pressKey(page, 'Tab');
          await waitFrames(page, 2);
          const focus = await focusedWidget(page);
          assert.ok(focus, `after ${i + 1} Tabs nothing has the focus (${path.join(' > ')})`);
          path.push(focus.label || focus.name);
          assert.ok(focus.whole, `"${focus.name}" has the focus but is not wholly in view: ${JSON.stringify(focus)}`);
          if (!inViewAtFirst.has(focus.id)) reached = focus;
        }
        assert.ok(reached, `Tab never went past what was in view: ${path.join(' > ')}`);
        assert.equal(await activeId(page), 'apos-canvas', 'the canvas keeps the focus on the way');

        // Back up with Shift+Tab to the first field: each widget in view as it gets the focus.
        let first;
        for (let i = 0; i < 60 && !first; i++) {
          await pressKey(page, 'Shift+Tab');
          await waitFrames(page, 2);
          const focus = await focusedWidget(page);
          assert.ok(focus && focus.whole, `Shift+Tab focused a widget out of view: ${JSON.stringify(focus)}`);
          if (focus.label === 'MTM') first = focus;
        }
        assert.ok(first, 'Shift+Tab goes back to the MTM field');
      });
    },
  },
  {
    name: 'the customer printout has list prices and no partner price, programs or margin; both print and download',
    async run(env) {
      const initScript = () => {
        // Each frame (the print frame too) records what it was asked to print instead of a dialog.
        window.print = function() {
          (window.top.__aposPrinted = window.top.__aposPrinted || []).push(document.documentElement.outerHTML);
        };
      };
      await withConfigurator(env, { viewport: { width: 1440, height: 900 }, initScript }, async ({ page, errors }) => {
        assert.deepEqual(await call(page, 'configure', [FULL_QUOTE]), { ok: true, errors: [] });
        const quote = await call(page, 'quote');
        await waitFrames(page, 3);
        await clickLikePerson(page, 'Print##apos-quote-customer.html');
        await page.waitForFunction(() => (window.__aposPrinted || []).length === 1, null, { timeout: 10000 });
        const customer = await page.evaluate(() => window.__aposPrinted[0]);
        assert.ok(customer.includes(quote.totals.list.text), 'the list total is on it');
        assert.match(customer, /Sample catalog/);
        for (const line of quote.lines) assert.ok(customer.includes(line.name.replace(/&/g, '&amp;')), line.name);
        assert.match(customer, /\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/, 'coverage dates');
        for (const word of [/partner/i, /margin/i, /program/i, /NCB/, quote.totals.partner_price.text]) {
          assert.ok(!(word instanceof RegExp ? word.test(customer) : customer.includes(word)), `customer printout shows ${word}`);
        }

        await clickLikePerson(page, 'Print##apos-quote-internal.html');
        await page.waitForFunction(() => (window.__aposPrinted || []).length === 2, null, { timeout: 10000 });
        const internal = await page.evaluate(() => window.__aposPrinted[1]);
        assert.ok(internal.includes(quote.totals.partner_price.text) && /Margin/.test(internal));

        const download = page.waitForEvent('download');
        download.catch(() => {});  // a failure before the click must not leave it unhandled
        await clickLikePerson(page, 'Download##apos-quote-customer.html');
        const file = await download;
        assert.equal(file.suggestedFilename(), 'apos-quote-customer.html');
        const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
        // What a reader sees: the text without the style sheet (its CSS says "margin") and tags.
        const words = text.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
        assert.ok(!/margin|partner|program/i.test(words), 'the downloaded customer quote shows partner figures');
        assert.ok(words.includes(quote.totals.list.text));
        writeFileSync(artifactPath('customer-quote.html'), text);
        assert.deepEqual(errors, [], 'no console errors and no CSP violations from the print frame');
      });
    },
  },
  {
    name: 'plain words: timeline markers and blocked reasons lead with words, rule IDs only quietly',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1920, height: 1080 } }, async ({ page }) => {
        await call(page, 'configure', [FULL_QUOTE]);
        const eligibility = await call(page, 'eligibility');
        const blocked = eligibility.offers.filter((o) => o.status === 'ineligible');
        assert.ok(blocked.length > 0, 'some offer is refused for this device');
        for (const offer of eligibility.offers)
          for (const reason of offer.reasons || [])
            assert.ok(!/thinkpad-e|thinkpad-t|price class/.test(reason.message), reason.message);
        await waitFrames(page, 3);
        // The canvas' mirror of its controls lists what a person reads; no rule ID starts a line.
        const labels = (await call(page, 'widgets')).map((w) => w.label).filter(Boolean);
        const ruleFirst = labels.filter((l) => /^[✗!]?\s*[A-Z]{2,}(-[A-Z0-9]+)+[: ]/.test(l));
        assert.deepEqual(ruleFirst, []);
      });
    },
  },
  {
    name: 'Copy link after a fleet hand-off: the copy and the reopened link both say what it leaves out; fleet lines name their unit',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' },
                                        services: [{ id: 'adp', term_years: 1 }] }]);
        const rows = ['serial,mtm,ship_date,channel,customer,site'];
        for (let i = 0; i < 6; i++) rows.push(`SN00${i},${['21HD', '21F6', '21HM'][i % 3]},2025-0${1 + i}-15,direct,Acme,HQ`);
        await page.evaluate((csv) => document.querySelector('#apos-canvas').configurator.loadFleet(csv, 'fleet.csv'), rows.join('\n'));
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done');
        await waitFrames(page, 3);
        await clickLikePerson(page, 'Select shown');
        const add = await widgetMatching(page, /###addselected$/);
        await clickLikePerson(page, add.name);
        const quote = await call(page, 'quote');
        const deviceAnswer = { lines: quote.lines.filter((l) => l.item === 0).map((l) => l.id),
                               rejected: quote.rejected.filter((r) => r.item === 0).map((r) => r.service) };
        const fleetLines = quote.lines.filter((l) => l.item > 0);
        assert.ok(fleetLines.length > 0, 'units from the fleet are on the quote');
        await clickLikePerson(page, 'Configurator');
        await clickLikePerson(page, 'Copy link');
        const link = await page.evaluate(() => document.querySelector('#apos-canvas').configurator.aposClipboard);
        assert.ok(link && link.includes('#'), link);
        const said = (await messages(page)).join(' ');
        assert.match(said, /does NOT carry the 6 units added from the fleet/, said);
        assert.match(link, /[#&]fleet=6(&|$)/, 'the link names how many units it leaves out');

        // The link opened in a new page: the configured device and its service come back, and
        // the page says plainly that the 6 fleet units are not in it.
        await withConfigurator(env, { url: link, viewport: { width: 1440, height: 900 } }, async ({ page: reopened }) => {
          await waitFrames(reopened, 3);
          const again = await call(reopened, 'quote');
          assert.deepEqual({ lines: again.lines.map((l) => l.id), rejected: again.rejected.map((r) => r.service) }, deviceAnswer,
            'the configured device comes back with the same answer for its service');
          assert.ok(again.lines.every((l) => l.item === 0), 'no fleet line comes back');
          const notice = (await messages(reopened)).join(' ');
          assert.match(notice, /This link leaves out the 6 units that were added from the fleet/, notice);
          await clickLikePerson(reopened, 'Dismiss##fleet-left-out');
          assert.ok(!(await messages(reopened)).some((m) => /leaves out/.test(m)), 'Dismiss hides the notice');
        });

        // Every fleet line names its unit in the customer's printout (model and serial).
        const download = page.waitForEvent('download');
        download.catch(() => {});  // a failure before the click must not leave it unhandled
        await clickLikePerson(page, 'Download##apos-quote-customer.html');
        const html = await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
        for (let i = 0; i < 6; i++) assert.ok(html.includes(`serial SN00${i}`), `unit SN00${i} named`);
      });
    },
  },
  {
    name: 'host summary says "needs approval"; dark theme and text size come back after a reload, nothing else stored',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [APPROVAL_QUOTE]), { ok: true, errors: [] });
        await page.waitForFunction(() => /approval/.test(document.querySelector('#quote-summary').textContent));
        assert.match(await page.textContent('#quote-summary'), /1 of them needs approval/);

        const normalHeight = (await findWidget(page, 'Dark theme')).h;
        await clickLikePerson(page, 'Dark theme');
        await clickLikePerson(page, 'Text size');
        await clickLikePerson(page, 'Large');
        await pause(page, 200, 3);
        const stored = await page.evaluate(() => ({ ...localStorage }));
        assert.deepEqual(Object.keys(stored), ['apos-preferences']);
        assert.deepEqual(JSON.parse(stored['apos-preferences']), { dark: true, text_size: 18 });
        await page.reload();
        await page.waitForFunction(() => {
          const c = document.querySelector('#apos-canvas');
          return c && c.configurator && c.configurator.frameCount() > 3;
        });
        assert.equal((await findWidget(page, 'Dark theme')).checked, true);
        const size = await page.evaluate(() => document.querySelector('#apos-canvas').configurator.widgets()
          .find((w) => w.label === 'Dark theme').h);
        assert.ok(size > normalHeight, `text size kept (checkbox ${size} px high, ${normalHeight} px with Normal text)`);
      });
    },
  },
];
