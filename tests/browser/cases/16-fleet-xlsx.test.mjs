// An .xlsx workbook in the Fleet view: picked through "Open fleet CSV..." (whose picker offers
// .xlsx) and dropped on the canvas, it loads its first sheet with the units `apos fleet` reads
// from the same workbook (tests/data/imports/fleet_cells.xlsx: date cells, shared and inline
// strings, skipped cells); a person picks its second sheet in the "Sheet" combo (keys, then the
// mouse back), gets the units `apos fleet --sheet Spares` reads, and the choice is remembered.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { clickLikePerson, focusedWidget, pressKey, withConfigurator } from '../lib/person.mjs';

const AS_OF = '2025-06-01';
const here = dirname(fileURLToPath(import.meta.url));
const WORKBOOK_PATH = join(here, '..', '..', 'data', 'imports', 'fleet_cells.xlsx');
const WORKBOOK = readFileSync(WORKBOOK_PATH);
const CLI = process.env.APOS_CLI || resolve(here, '../../../build/native/bin/apos');
const CATALOG = resolve(here, '../../../catalog');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// What `apos fleet --csv tests/data/imports/fleet_cells.xlsx --as-of 2025-06-01` reads: four
// rows, of which one names a machine type the sample catalog lacks (20XW).
const UNITS = 3;
const BAD_ROWS = 1;

function withFleetView(env, body) {
  return withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async (opened) => {
    await call(opened.page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
    await clickWidget(opened.page, 'Fleet');
    return body(opened);
  });
}

// The units `apos fleet` reads from the workbook's sheet (exit 0: at least one unit loads).
function cliSheet(sheet) {
  return JSON.parse(execFileSync(CLI, ['fleet', '--csv', WORKBOOK_PATH, '--sheet', sheet, '--as-of', AS_OF,
    '--catalog', CATALOG], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

// Tab (the focus ring) until the widget labelled `label` has the focus.
async function tabTo(page, label, limit = 8) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedWidget(page))?.label === label) return;
    await pressKey(page, 'Tab');
  }
  assert.fail(`Tab never reached "${label}" (focus on "${(await focusedWidget(page))?.label}")`);
}

async function waitForSheet(page, sheet) {
  await page.waitForFunction((wanted) => {
    const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
    return s.sheet === wanted && (s.stage === 'done' || s.stage === 'failed');
  }, sheet, { timeout: 30000, polling: 100 });
  return call(page, 'fleetSummary');
}

async function waitForFleet(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
    return s.stage === 'done' || s.stage === 'failed';
  }, null, { timeout: 30000, polling: 100 });
  return call(page, 'fleetSummary');
}

export const tests = [
  {
    name: 'an .xlsx picked in the Fleet view loads its first sheet (the picker offers .xlsx)',
    async run(env) {
      await withFleetView(env, async ({ page, errors }) => {
        const chooser = page.waitForEvent('filechooser');
        await clickWidget(page, 'Open fleet CSV...');
        const accept = await page.evaluate(() => document.querySelector('.apos-file-input').accept);
        assert.match(accept, /\.xlsx/, `the picker's accept list: ${accept}`);
        await (await chooser).setFiles({ name: 'base.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
        const s = await waitForFleet(page);
        assert.equal(s.stage, 'done');
        assert.equal(s.file, 'base.xlsx');
        assert.equal(s.units, UNITS);
        assert.equal(s.bad_rows, BAD_ROWS);
        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'an .xlsx dropped on the canvas loads like a CSV',
    async run(env) {
      await withFleetView(env, async ({ page, errors }) => {
        await page.evaluate(({ bytes, type }) => {
          const canvas = document.querySelector('#apos-canvas');
          const data = new DataTransfer();
          data.items.add(new File([new Uint8Array(bytes)], 'dropped.xlsx', { type }));
          canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
          canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }, { bytes: Array.from(WORKBOOK), type: XLSX_TYPE });
        const s = await waitForFleet(page);
        assert.equal(s.file, 'dropped.xlsx');
        assert.equal(s.units, UNITS);
        assert.equal(s.summary.rows_with_errors, BAD_ROWS);
        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'a workbook of two sheets: the second picked with keys reads as the CLI reads it, and is remembered',
    async run(env) {
      if (!existsSync(CLI)) return 'skip';
      const spares = cliSheet('Spares');
      const first = cliSheet('Installed base');
      await withFleetView(env, async ({ page, errors }) => {
        await page.setInputFiles('.apos-file-input', { name: 'base.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
        let s = await waitForFleet(page);
        assert.deepEqual(s.sheets, ['Installed base', 'Spares']);
        assert.equal(s.sheet, 'Installed base', 'the first sheet until another is picked');
        assert.equal(s.units, UNITS);
        await waitFrames(page, 2);

        // Keys: the combo opens on a click, Tab walks its list, Enter picks.
        await clickLikePerson(page, 'Sheet');
        await tabTo(page, 'Spares');
        await pressKey(page, 'Enter');
        s = await waitForSheet(page, 'Spares');
        assert.equal(s.stage, 'done', JSON.stringify(s));
        assert.equal(s.format.sheet, 'Spares');
        assert.equal(s.units, spares.units.length);
        assert.deepEqual(s.summary, spares.summary);
        assert.deepEqual(await call(page, 'fleetUnits'), spares.units);
        await waitFrames(page, 2);
        const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('apos-preferences')).fleet_sheets);
        assert.equal(kept.length, 1);
        assert.equal(kept[0].sheet, 'Spares');
        assert.match(kept[0].sheets, /^[0-9a-f]{16}$/, 'a key of the sheet names, no data');

        // The same workbook again: the remembered sheet is read with no question.
        await page.setInputFiles('.apos-file-input', { name: 'base-again.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().file === 'base-again.xlsx');
        s = await waitForSheet(page, 'Spares');
        assert.equal(s.units, spares.units.length);
        await waitFrames(page, 2);

        // The mouse: back to the first sheet.
        await clickLikePerson(page, 'Sheet');
        await clickLikePerson(page, 'Installed base');
        s = await waitForSheet(page, 'Installed base');
        assert.equal(s.units, first.units.length);
        assert.deepEqual(s.summary, first.summary);
        assert.deepEqual(errors, []);
      });
    },
  },
];
