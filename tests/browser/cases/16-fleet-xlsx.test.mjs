// An .xlsx workbook in the Fleet view: picked through "Open fleet CSV..." (whose picker offers
// .xlsx) and dropped on the canvas, it loads its first sheet with the units `apos fleet` reads
// from the same workbook (tests/data/imports/fleet_cells.xlsx: date cells, shared and inline
// strings, skipped cells).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const AS_OF = '2025-06-01';
const here = dirname(fileURLToPath(import.meta.url));
const WORKBOOK = readFileSync(join(here, '..', '..', 'data', 'imports', 'fleet_cells.xlsx'));
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
];
