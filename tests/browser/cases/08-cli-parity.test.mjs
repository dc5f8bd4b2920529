// The page's quote() and eligibility() give the same JSON as the CLI for the same input.
// Needs the native CLI: $APOS_CLI, else build/native/bin/apos (cmake --preset native); skipped without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { call } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const CLI = process.env.APOS_CLI || resolve(new URL('.', import.meta.url).pathname, '../../../build/native/bin/apos');
const CATALOG = resolve(new URL('.', import.meta.url).pathname, '../../../catalog');

function cli(args, input) {
  return JSON.parse(execFileSync(CLI, [...args, '--catalog', CATALOG], { input, encoding: 'utf8' }));
}

const REQUEST = {
  as_of: '2025-06-01',
  customer: { segment: 'education', new_customer: true, programs: ['NCB'] },
  items: [{ device: { mtm: '21HD', ship_date: '2025-01-15', channel: 'distributor' }, services: [] }],
};

export const tests = [
  {
    name: 'quote() and eligibility() match `apos quote` and `apos eligibility`',
    async run(env) {
      if (!existsSync(CLI)) return 'skip';
      await withConfigurator(env, {}, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [REQUEST]), { ok: true, errors: [] });
        // eligibility() adds every device of the configuration under "devices"; the first is the CLI's.
        const { devices, ...eligibility } = await call(page, 'eligibility');
        assert.deepEqual(devices, [eligibility]);
        assert.deepEqual(eligibility, cli(['eligibility', '--mtm', '21HD', '--ship-date', '2025-01-15',
          '--channel', 'distributor', '--segment', 'education', '--as-of', '2025-06-01']));
        // A few sellable offers and one that is not: lines, rejections and programs all compared.
        const sellable = eligibility.offers.filter((o) => o.status !== 'ineligible' && o.price).slice(0, 3);
        const refused = eligibility.offers.find((o) => o.status === 'ineligible');
        const services = [...sellable, refused].filter(Boolean).map((o) => ({ id: o.id, term_years: o.term_years }));
        const request = { ...REQUEST, items: [{ ...REQUEST.items[0], services }] };
        assert.equal((await call(page, 'configure', [request])).ok, true);
        assert.deepEqual(await call(page, 'quote'), cli(['quote', '--request', '-'], JSON.stringify(request)));
      });
    },
  },
];
