// Driving the canvas with the mouse through the widget table: a combo and an offer checkbox.
import assert from 'node:assert/strict';
import { call, clickWidget, scrollToWidget } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const DEVICE = { as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15' } };

export const tests = [
  {
    name: 'choosing "distributor" in the Channel combo changes the state',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await call(page, 'configure', [DEVICE]);
        const combo = await clickWidget(page, 'Channel');
        assert.equal(combo.role, 'expandable');
        await clickWidget(page, 'distributor');
        assert.match(await call(page, 'getState'), /ch=distributor/);
        assert.equal((await call(page, 'eligibility')).device.channel, 'distributor');
      });
    },
  },
  {
    name: 'ticking an eligible offer puts it on the quote',
    async run(env) {
      await withConfigurator(env, {}, async ({ page }) => {
        await call(page, 'configure', [DEVICE]);
        const offer = (await call(page, 'eligibility')).offers.find((o) => o.status === 'eligible' && o.price);
        const name = (await call(page, 'widgets')).find((w) => w.name.endsWith(`##${offer.id}:${offer.term_years}`))?.name;
        assert.ok(name, `no checkbox for ${offer.id}:${offer.term_years}`);
        await scrollToWidget(page, name, 'offer list');
        const box = await clickWidget(page, name);
        assert.equal(box.checked, false);
        const quote = await call(page, 'quote');
        assert.deepEqual(quote.lines.map((l) => [l.id, l.term_years]), [[offer.id, offer.term_years]]);
        const after = (await call(page, 'widgets')).find((w) => w.name === name);
        assert.equal(after.checked, true);
      });
    },
  },
];
