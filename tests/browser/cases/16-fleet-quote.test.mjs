// The quote CSV read back in the Fleet view: the page's own quote export (tests/cli/data/
// quote_units.csv, written by the same core writer) loads as one unit per quote item, says so,
// and gives the units `apos fleet` reads from it.
// Needs the native CLI: $APOS_CLI, else build/native/bin/apos (cmake --preset native); skipped without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const AS_OF = '2026-02-01';
const here = dirname(fileURLToPath(import.meta.url));
const QUOTE_CSV = join(here, '..', '..', 'cli', 'data', 'quote_units.csv');
const CLI = process.env.APOS_CLI || resolve(here, '../../../build/native/bin/apos');
const CATALOG = resolve(here, '../../../catalog');

export const tests = [
  {
    name: 'a quote CSV loads as one unit per quote item, as the CLI reads it',
    async run(env) {
      if (!existsSync(CLI)) return 'skip';
      const expected = JSON.parse(execFileSync(CLI, ['fleet', '--csv', QUOTE_CSV, '--as-of', AS_OF, '--catalog', CATALOG],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      assert.equal(expected.units.length, 3, 'three quote items');
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        await clickWidget(page, 'Fleet');
        await page.setInputFiles('.apos-file-input',
          { name: 'apos-quote.csv', mimeType: 'text/csv', buffer: readFileSync(QUOTE_CSV) });
        await page.waitForFunction(() => {
          const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
          return s.stage === 'done' || s.stage === 'failed';
        }, null, { timeout: 30000, polling: 100 });
        const s = await call(page, 'fleetSummary');
        assert.equal(s.stage, 'done', JSON.stringify(s));
        assert.equal(s.format.shape, 'quote');
        assert.equal(s.read_as, '5 quote lines read as 3 units (one per quote item)');
        assert.equal(s.bad_rows, 0);
        assert.deepEqual(s.summary, expected.summary);
        assert.deepEqual(await call(page, 'fleetUnits'), expected.units);
        assert.deepEqual(errors, []);
      });
    },
  },
];
