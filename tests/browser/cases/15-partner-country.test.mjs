// The partner's own country, typed by hand: a program that runs only for partners of some countries
// (NCB: United States and Canada) says on the quote that it does not apply, and applies again when
// the country is one of its own; the link keeps the country.
import assert from 'node:assert/strict';
import { call } from '../lib/browser.mjs';
import { clickLikePerson, pressKey, stateValue, typeLikePerson, withConfigurator } from '../lib/person.mjs';

const QUOTE = {
  as_of: '2026-11-26',
  customer: { segment: 'smb', new_customer: true, programs: ['NCB'] },
  items: [{
    device: { mtm: '21JK', serial: 'PF-PC-1', ship_date: '2026-10-01', quantity: 5 },
    services: [{ kind: 'extension', term_years: 3 }],
  }],
};

const ncbNotice = (quote) => (quote.programs.notices || []).filter((n) => /NCB runs for partners in/.test(n));
const ncbPaid = (quote) => quote.programs.amounts.some((a) => a.rule === 'NCB');

async function typeCountry(page, code) {
  await clickLikePerson(page, 'Partner country');
  await pressKey(page, 'Control+a');
  await pressKey(page, 'Backspace');
  await typeLikePerson(page, code);
  await pressKey(page, 'Enter');
}

export const tests = [{
  name: 'a partner country typed by hand: NCB says it does not apply in GB, applies again in CA, the link keeps it',
  async run(env) {
    await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
      assert.deepEqual(await call(page, 'configure', [QUOTE]), { ok: true, errors: [] });
      const before = await call(page, 'quote');
      assert.deepEqual(ncbNotice(before), [], 'a US partner gets NCB without a notice');
      assert.ok(ncbPaid(before), `NCB is on the quote for a US partner: ${JSON.stringify(before.programs)}`);

      await typeCountry(page, 'GB');
      assert.equal(stateValue(await call(page, 'getState'), 'pcc'), 'GB');
      const abroad = await call(page, 'quote');
      assert.equal(ncbNotice(abroad).length, 1, JSON.stringify(abroad.programs.notices));
      assert.match(ncbNotice(abroad)[0], /this partner is in GB/);
      assert.ok(!ncbPaid(abroad), 'NCB is not paid to a partner in GB');

      await typeCountry(page, 'CA');
      const canada = await call(page, 'quote');
      assert.deepEqual(ncbNotice(canada), []);
      assert.ok(ncbPaid(canada), 'NCB is paid again to a partner in CA');
      assert.equal(stateValue(await call(page, 'getState'), 'pcc'), 'CA');
      assert.deepEqual(errors, []);
    });
  },
}];
