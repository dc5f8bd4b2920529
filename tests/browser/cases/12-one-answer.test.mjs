// One configuration, one answer: the services panel, eligibility(), quote() and the CLI's
// `apos evaluate` / `apos quote` agree on every offer's status and on the totals; the Best bundle
// replaces a ticked extension and says so; a refused offer's fix is one click.
// Needs the native CLI ($APOS_CLI, else build/native/bin/apos); the CLI comparison is skipped without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const CLI = process.env.APOS_CLI || resolve(new URL('.', import.meta.url).pathname, '../../../build/native/bin/apos');
const CATALOG = resolve(new URL('.', import.meta.url).pathname, '../../../catalog');

function cli(args, input) {
  return JSON.parse(execFileSync(CLI, [...args, '--catalog', CATALOG], { input, encoding: 'utf8' }));
}

const DEVICE = { mtm: '21JK', ship_date: '2026-01-01', serial: 'PF0TEST1' };
// Two extensions (one stays), an ADP and a Premier that must match the one that stays, a KYD.
const REQUEST = {
  as_of: '2026-02-01',
  customer: { segment: 'smb' },
  items: [{
    device: DEVICE,
    services: [
      { id: 'ext-depot', term_years: 3 }, { id: 'ext-onsite-nbd', term_years: 4 }, { id: 'adp', term_years: 3 },
      { id: 'premier', term_years: 3 }, { id: 'kyd', term_years: 4 },
    ],
  }],
};

// Wheels over the middle of a pane until the widget named `name` is wholly in view.
async function wheelUntilWhole(page, name, pane) {
  const box = await page.evaluate((part) => {
    const rows = document.querySelector('#apos-canvas').configurator.widgets().filter((w) => w.visible && w.window.includes(part));
    const top = Math.min(...rows.map((w) => w.y));
    const canvas = document.querySelector('#apos-canvas').getBoundingClientRect();
    return { x: canvas.left + rows[0].x + 200, y: canvas.top + top + 150 };
  }, pane);
  for (let step = 0; step < 40; step++) {
    const widget = (await call(page, 'widgets')).find((w) => w.name === name);
    if (widget && widget.whole) return;
    await page.mouse.move(box.x, box.y);
    await waitFrames(page, 1);
    await page.mouse.wheel(0, 60);
    await waitFrames(page, 2);
  }
  throw new Error(`${name} did not come into view in ${pane}`);
}

const STATUS_WORDS = { eligible: 'eligible', 'needs-approval': 'needs approval', ineligible: 'not sellable' };
const statusOf = (offers) => Object.fromEntries(offers.map((o) => [`${o.id}:${o.term_years}`, o.status]));

export const tests = [
  {
    name: 'the panel, eligibility(), quote(), apos evaluate and apos quote agree on every status and total',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [REQUEST]), { ok: true, errors: [] });
        await waitFrames(page, 3);
        const eligibility = await call(page, 'eligibility');
        const quote = await call(page, 'quote');
        const statuses = statusOf(eligibility.offers);

        // What sold in the quote is what the listing calls sellable, and nothing refused is sold.
        for (const line of quote.lines) assert.notEqual(statuses[`${line.id}:${line.term_years}`], 'ineligible', line.id);
        assert.deepEqual(quote.lines.map((l) => `${l.id}:${l.term_years}`).sort(), eligibility.sold.map((s) => `${s.id}:${s.term_years}`).sort());
        assert.ok(quote.lines.some((l) => l.id === 'ext-onsite-nbd' && l.term_years === 4), 'the 4-year onsite extension stays');
        const depot = quote.rejected.find((r) => r.id === 'ext-depot');
        assert.ok(depot && depot.reasons.some((r) => r.rule === 'ONE-EXTENSION'), JSON.stringify(quote.rejected));

        // The panel shows, for each offering, the status of the term it shows: the same answer.
        const badges = (await call(page, 'widgets')).filter((w) => w.name.includes('##status:'));
        assert.ok(badges.length >= 20, `only ${badges.length} status badges reported`);
        for (const badge of badges) {
          const key = badge.name.split('##status:')[1];
          assert.ok(key in statuses, `badge for unknown offer ${key}`);
          assert.ok(badge.label.endsWith(`: ${STATUS_WORDS[statuses[key]]}`), `${key}: panel "${badge.label}", API ${statuses[key]}`);
        }

        if (!existsSync(CLI)) return;
        const evaluated = cli(['evaluate', '--request', '-'], JSON.stringify(REQUEST));
        const { devices, ...firstDevice } = eligibility;
        assert.equal(devices.length, 1);
        assert.deepEqual(firstDevice, evaluated.devices[0], 'eligibility() differs from apos evaluate');
        assert.deepEqual(quote, evaluated.quote, 'quote() differs from apos evaluate');
        assert.deepEqual(quote, cli(['quote', '--request', '-'], JSON.stringify(REQUEST)), 'quote() differs from apos quote');
        assert.deepEqual(quote.totals, evaluated.quote.totals);
      });
    },
  },
  {
    name: 'the Best bundle replaces a ticked 3-year Depot extension and the page says so',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        const request = { ...REQUEST, items: [{ device: DEVICE, services: [{ id: 'ext-depot', term_years: 3 }] }] };
        assert.equal((await call(page, 'configure', [request])).ok, true);
        await waitFrames(page, 3);
        // The bundles sit below the device and customer fields: wheel down over the left pane.
        await wheelUntilWhole(page, 'Add to quote##best', 'left');
        await clickWidget(page, 'Add to quote##best');
        const quote = await call(page, 'quote');
        const extensions = quote.lines.filter((l) => l.kind === 'extension');
        assert.deepEqual(extensions.map((l) => `${l.id}:${l.term_years}`), ['ext-onsite-nbd:4']);
        assert.deepEqual(quote.rejected, [], JSON.stringify(quote.rejected));
        assert.doesNotMatch(await call(page, 'getState'), /ext-depot/);
        const said = (await call(page, 'widgets')).filter((w) => w.role === 'message').map((w) => w.label);
        assert.ok(said.some((m) => /replaces Warranty extension, Depot \(3y\)/.test(m)), JSON.stringify(said));
      });
    },
  },
  {
    name: 'a refused 3-year ADP offers "add a 3-year extension" and one click makes it sell',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        const request = { ...REQUEST, items: [{ device: DEVICE, services: [{ id: 'adp', term_years: 3 }] }] };
        assert.equal((await call(page, 'configure', [request])).ok, true);
        await waitFrames(page, 3);
        const before = await call(page, 'quote');
        assert.equal(before.lines.length, 0);
        assert.equal(before.rejected[0].fix.action, 'add-service');
        // The row says the fix in words and offers it as one button.
        await wheelUntilWhole(page, 'Apply##fix:adp:3', 'offer list');
        const said = (await call(page, 'widgets')).filter((w) => w.role === 'message').map((w) => w.label);
        assert.ok(said.includes(`To sell it: ${before.rejected[0].fix.label}.`), JSON.stringify(said));
        assert.match(before.rejected[0].fix.label, /^Add .*3 years$/);
        await clickWidget(page, 'Apply##fix:adp:3');
        const after = await call(page, 'quote');
        assert.deepEqual(after.lines.map((l) => `${l.id}:${l.term_years}`).sort(), ['adp:3', `${before.rejected[0].fix.offering}:3`].sort());
        assert.deepEqual(after.rejected, []);
      });
    },
  },
];
