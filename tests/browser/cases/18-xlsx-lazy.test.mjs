// The workbook reader (apos-xlsx.wasm: zlib, expat and the .xlsx reader) is not part of the first
// download: the page starts without fetching or compiling it, and a workbook picked through the
// page's file field (the picker that "Open fleet CSV..." opens, real change events) still loads,
// in the served page and in the single-file offline page from file://.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNoErrors, call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const WORKBOOK = readFileSync(join(here, '..', '..', 'data', 'imports', 'fleet_cells.xlsx'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'serial,mtm,ship_date\nPF0A1,21HD,2025-01-15\n';
// tests/data/imports/fleet_cells.xlsx as `apos fleet` reads it (16-fleet-xlsx): three units, one bad row.
const UNITS = 3;
const BAD_ROWS = 1;

// Counts the page's WebAssembly.compile calls: the reader is compiled with it, apos.wasm is not.
function countCompiles() {
  const compile = WebAssembly.compile;
  window.__aposCompiles = 0;
  WebAssembly.compile = function(...args) {
    window.__aposCompiles += 1;
    return compile.apply(this, args);
  };
}

async function pickFile(page, file) {
  const chooser = page.waitForEvent('filechooser');
  await clickWidget(page, 'Open fleet CSV...');
  await (await chooser).setFiles(file);
}

async function waitForFleet(page, name) {
  await page.waitForFunction((file) => {
    const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
    return s.file === file && (s.stage === 'done' || s.stage === 'failed');
  }, name, { timeout: 30000, polling: 100 });
  return call(page, 'fleetSummary');
}

async function lazyReaderCase(env, url) {
  return withConfigurator(env, { url, viewport: { width: 1440, height: 900 }, initScript: countCompiles },
    async ({ page, requests, errors }) => {
      const readerFetches = () => requests.filter((r) => /apos-xlsx\.wasm/.test(r)).length;
      await call(page, 'configure', [{ as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
      await clickWidget(page, 'Fleet');
      // A CSV needs no reader either.
      await pickFile(page, { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
      assert.equal((await waitForFleet(page, 'one.csv')).units, 1);
      await waitFrames(page, 3);
      assert.equal(readerFetches(), 0, 'apos-xlsx.wasm fetched before any workbook');
      assert.equal(await page.evaluate(() => window.__aposCompiles), 0, 'the reader compiled before any workbook');

      await pickFile(page, { name: 'base.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
      const s = await waitForFleet(page, 'base.xlsx');
      assert.equal(s.stage, 'done', JSON.stringify(s));
      assert.equal(s.units, UNITS);
      assert.equal(s.bad_rows, BAD_ROWS);
      assert.deepEqual(s.sheets, ['Installed base', 'Spares']);
      assert.equal(await page.evaluate(() => window.__aposCompiles), 1, 'the reader compiled once');

      // A second workbook reuses the compiled reader.
      await pickFile(page, { name: 'again.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
      assert.equal((await waitForFleet(page, 'again.xlsx')).units, UNITS);
      assert.equal(await page.evaluate(() => window.__aposCompiles), 1, 'compiled once for both workbooks');
      assertNoErrors(errors);
      return readerFetches();
    });
}

export const tests = [
  {
    name: 'served page: apos-xlsx.wasm is fetched only when a workbook is picked, once, and the workbook loads',
    async run(env) {
      const fetches = await lazyReaderCase(env, `${env.origin}/index.html`);
      assert.equal(fetches, 1, 'apos-xlsx.wasm fetched once');
    },
  },
  {
    name: 'offline page from file://: the inlined reader is compiled only when a workbook is picked, and it loads',
    async run(env) {
      const url = `${env.distUrl}/offline/apos-configurator.html`;
      const fetches = await lazyReaderCase(env, url);
      assert.equal(fetches, 0, 'nothing fetched: the reader is inline');
    },
  },
  {
    name: 'a reader that cannot be fetched: the workbook fails with the reason, the page goes on',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, context }) => {
        await context.route(/apos-xlsx\.wasm/, (route) => route.fulfill({ status: 404, body: 'gone' }));
        await clickWidget(page, 'Fleet');
        await pickFile(page, { name: 'base.xlsx', mimeType: XLSX_TYPE, buffer: WORKBOOK });
        const s = await waitForFleet(page, 'base.xlsx');
        assert.equal(s.stage, 'failed', JSON.stringify(s));
        await waitFrames(page, 3);
        const shown = (await call(page, 'widgets')).filter((w) => w.role === 'message').map((w) => w.label);
        assert.ok(shown.some((m) => /could not load its workbook reader .*HTTP 404/.test(m)), JSON.stringify(shown));
        // A CSV still loads after it.
        await pickFile(page, { name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
        assert.equal((await waitForFleet(page, 'one.csv')).units, 1);
      });
    },
  },
];
