// The JS API of one configurator: configure(), eligibility(), quote(), onQuoteChange(),
// getState()/setState(), widgets(). Shapes follow the CLI (DESIGN.md "CLI (contract)").
import assert from 'node:assert/strict';
import { call, waitForConfigurator, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const DEVICE = { as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15', channel: 'direct' } };

export const tests = [
  {
    name: 'configure() then eligibility() returns the device and its offers',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [DEVICE]), { ok: true, errors: [] });
        const result = await call(page, 'eligibility');
        assert.equal(result.device.mt, '21HD');
        for (const field of ['base_start', 'base_end', 'base_level', 'iws']) assert.ok(field in result.device, field);
        assert.ok(result.offers.length > 0, 'no offers');
        for (const offer of result.offers) {
          assert.ok(['eligible', 'ineligible', 'needs-approval'].includes(offer.status), offer.status);
          assert.ok(Array.isArray(offer.reasons));
        }
      });
    },
  },
  {
    name: 'bad input is refused with the field named, and the state is kept',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await call(page, 'configure', [DEVICE]);
        const before = await call(page, 'getState');
        const result = await call(page, 'configure', [{ device: { mtm: '21HD', ship_date: '2025-02-30' } }]);
        assert.equal(result.ok, false);
        assert.ok(result.errors.some((e) => e.where.includes('ship_date')), JSON.stringify(result.errors));
        assert.equal(await call(page, 'getState'), before);
        assert.equal((await call(page, 'configure', ['not json'])).ok, false);
        // No ship date at all: refused by name too (the page never assumes one).
        const undated = await call(page, 'configure', [{ device: { mtm: '21HD' } }]);
        assert.equal(undated.ok, false);
        const named = undated.errors.find((e) => `${e.where} ${e.message}`.includes('ship_date'));
        assert.ok(named && named.message.length > 0, JSON.stringify(undated.errors));
        assert.equal(await call(page, 'getState'), before);
      });
    },
  },
  {
    name: 'selecting an eligible service changes the quote and calls onQuoteChange',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await call(page, 'configure', [DEVICE]);
        const offer = (await call(page, 'eligibility')).offers.find((o) => o.status === 'eligible' && o.price);
        assert.ok(offer, 'no eligible priced offer for 21HD');
        await page.evaluate(() => {
          window.__quotes = [];
          document.getElementById('apos-canvas').configurator.onQuoteChange((q) => window.__quotes.push(q));
        });
        await call(page, 'configure', [{ ...DEVICE, services: [{ id: offer.id, term_years: offer.term_years }] }]);
        await waitFrames(page, 3);
        const quote = await call(page, 'quote');
        assert.equal(quote.lines.length, 1);
        assert.equal(quote.lines[0].id, offer.id);
        assert.ok(quote.totals.list.minor > 0);
        const seen = await page.evaluate(() => window.__quotes);
        assert.ok(seen.length >= 1, 'onQuoteChange was not called');
        assert.deepEqual(seen[seen.length - 1], quote);
        // The page's own summary follows the quote too.
        assert.match(await page.textContent('#quote-summary'), /1 line\(s\)/);
      });
    },
  },
  {
    name: 'getState()/setState() round-trip through the URL hash',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await call(page, 'configure', [{ ...DEVICE, customer: { segment: 'education' } }]);
        await waitFrames(page, 2);
        const state = await call(page, 'getState');
        assert.match(state, /mtm=21HD/);
        assert.match(state, /seg=education/);
        assert.equal(decodeURIComponent(new URL(page.url()).hash.slice(1)), state);
        // A fresh page opened on that hash comes back in the same state.
        await page.goto(`${env.origin}/index.html#${state}`);
        await waitForConfigurator(page);
        assert.equal(await call(page, 'getState'), state);
        assert.equal((await call(page, 'setState', ['ship=2025-13-01'])).ok, false);
        assert.equal(await call(page, 'getState'), state);
      });
    },
  },
];
