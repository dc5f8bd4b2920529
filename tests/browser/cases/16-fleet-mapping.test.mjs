// The Fleet view's mapping step: a semicolon-separated file with German headers and US dates is
// placed column by column by a person (mouse for some combos, keys for the rest), loads, and
// gives the same units as `apos fleet --map ... --date-order mdy`; a second file with the same
// headers loads with the remembered mapping and no question, until the mapping is forgotten.
// Needs the native CLI: $APOS_CLI, else build/native/bin/apos (cmake --preset native); skipped without it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { clickLikePerson, focusedWidget, pressKey, withConfigurator } from '../lib/person.mjs';

const CLI = process.env.APOS_CLI || resolve(new URL('.', import.meta.url).pathname, '../../../build/native/bin/apos');
const CATALOG = resolve(new URL('.', import.meta.url).pathname, '../../../catalog');
const AS_OF = '2026-11-26';
const HEADER = 'Seriennummer;Maschinentyp;Versanddatum;Kunde';
const MTMS = ['21HD', '21F6', '20BU', '21HM', '21H1', '20LS'];

// US dates: some only month/day/year can read (10/13/2024), some either way (03/04/2023).
function germanFleet(rows, { ambiguousOnly = false } = {}) {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const month = 1 + (i % 12), year = 2021 + (i % 5);
    const day = ambiguousOnly || i % 3 ? 1 + (i % 12) : 13 + (i % 15);
    const date = `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
    lines.push(`DE${String(i).padStart(5, '0')};${MTMS[i % MTMS.length]};${date};"M\u00fcller; Sohn ${i % 4}"`);
  }
  return lines.join('\r\n') + '\r\n';
}

const MAP = 'serial="Seriennummer",mtm="Maschinentyp",ship_date="Versanddatum",customer="Kunde"';

function cliFleet(text) {
  const dir = mkdtempSync(join(tmpdir(), 'apos-mapping-'));
  const file = join(dir, 'bestand.csv');
  writeFileSync(file, text);
  return JSON.parse(execFileSync(CLI, ['fleet', '--csv', file, '--map', MAP, '--date-order', 'mdy', '--as-of', AS_OF,
    '--format', 'json', '--catalog', CATALOG], { encoding: 'utf8' }));
}

async function waitForStage(page, stages, timeout = 30000) {
  await page.waitForFunction((wanted) => wanted.includes(document.querySelector('#apos-canvas').configurator.fleetSummary().stage),
    stages, { timeout, polling: 100 });
  return call(page, 'fleetSummary');
}

// Tab (the focus ring) until the widget labelled `label` has the focus.
async function tabTo(page, label, limit = 8) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedWidget(page))?.label === label) return;
    await pressKey(page, 'Tab');
  }
  assert.fail(`Tab never reached "${label}" (focus on "${(await focusedWidget(page))?.label}")`);
}

// Picks a column in a field's combo with the mouse: open it, click the header's entry.
async function pickWithMouse(page, field, header) {
  await clickLikePerson(page, `Column for ${field}`);
  await clickLikePerson(page, header);
  await waitFrames(page, 2);
}

export const tests = [
  {
    name: 'a semicolon file with German headers and US dates loads through the mapping step, as the CLI reads it with --map',
    async run(env) {
      if (!existsSync(CLI)) return 'skip';
      const text = germanFleet(36);
      const expected = cliFleet(text);
      assert.equal(expected.units.length, 36, 'the CLI reads every row with the mapping');
      await withConfigurator(env, { viewport: { width: 1440, height: 1000 } }, async ({ page, errors }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        await clickWidget(page, 'Fleet');
        await page.setInputFiles('.apos-file-input', { name: 'bestand.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
        let s = await waitForStage(page, ['mapping', 'done', 'failed']);
        assert.equal(s.stage, 'mapping', 'no column is called mtm or ship date: the page asks');
        assert.equal(s.format.delimiter, ';');
        await waitFrames(page, 2);

        // A person's mix of pointer and keys. In an open combo Tab walks its list and Enter
        // picks; the focus is then back on the combo, and Tab moves on to the next field.
        await clickLikePerson(page, 'Column for serial');
        await tabTo(page, 'Seriennummer');
        await pressKey(page, 'Enter');
        await tabTo(page, 'Column for mtm', 3);
        await pressKey(page, 'Enter');
        await tabTo(page, 'Maschinentyp');
        await pressKey(page, 'Enter');
        await pickWithMouse(page, 'ship_date', 'Versanddatum');
        await clickLikePerson(page, 'Column for customer');
        await tabTo(page, 'Kunde');
        await pressKey(page, 'Enter');
        await tabTo(page, 'Day and month order', 4);
        await pressKey(page, 'Enter');
        await tabTo(page, 'month/day/year (05/13/2024)');
        await pressKey(page, 'Enter');
        await tabTo(page, 'Load with this mapping', 3);
        await pressKey(page, 'Enter');

        s = await waitForStage(page, ['done', 'failed', 'mapping'], 50000);
        assert.equal(s.stage, 'done', JSON.stringify(s));
        assert.equal(s.date_order, 'mdy');
        assert.ok(s.map.startsWith('serial="Seriennummer",mtm="Maschinentyp",ship_date="Versanddatum",'), s.map);
        assert.ok(s.map.includes('customer="Kunde"'), s.map);
        assert.deepEqual(s.format.columns, expected.format.columns);
        assert.deepEqual(s.format.dates, expected.format.dates);
        assert.equal(s.bad_rows, 0);
        assert.deepEqual(s.summary, expected.summary);
        assert.deepEqual(await call(page, 'fleetUnits'), expected.units);
        // Kept in the browser as a preference about this header row: the --map text, no data.
        await waitFrames(page, 2);
        const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('apos-preferences')).fleet_maps);
        assert.equal(kept.length, 1);
        assert.equal(kept[0].map, s.map);
        assert.equal(kept[0].date_order, 'mdy');
        assert.match(kept[0].headers, /^[0-9a-f]{16}$/);

        // The same header row again (every date either way round this time): the remembered
        // mapping, order included, reads it with no question.
        const again = germanFleet(12, { ambiguousOnly: true });
        await page.setInputFiles('.apos-file-input', { name: 'bestand-2.csv', mimeType: 'text/csv', buffer: Buffer.from(again) });
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().file === 'bestand-2.csv');
        s = await waitForStage(page, ['done', 'failed']);
        assert.equal(s.stage, 'done', JSON.stringify(s));
        assert.equal(s.date_order, 'mdy');
        assert.deepEqual(await call(page, 'fleetUnits'), cliFleet(again).units);

        // Forgotten, the mapping is asked for again when the file comes again.
        await waitFrames(page, 2);
        await clickLikePerson(page, 'Forget mapping');
        await waitFrames(page, 2);
        assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('apos-preferences')).fleet_maps), undefined);
        await page.setInputFiles('.apos-file-input', { name: 'bestand-3.csv', mimeType: 'text/csv', buffer: Buffer.from(again) });
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().file === 'bestand-3.csv');
        s = await waitForStage(page, ['mapping', 'done', 'failed']);
        assert.equal(s.stage, 'mapping');
        assert.deepEqual(errors, []);
      });
    },
  },
];
