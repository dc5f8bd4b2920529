// Large fleets are evaluated in Web Workers (apos-fleet.wasm, one instance each): picked through
// the page's own file field, a fleet above the workers' threshold is evaluated by them in the
// served page and in the offline page from file://, with the summary `apos fleet` gives for the
// same file; where the workers cannot start (their module is not served) the page says why and
// evaluates the fleet itself, to the same summary; a fleet cancelled while the workers already
// evaluate its first slices is dropped, and the next one comes out whole.
// The CLI comparison needs the native CLI: $APOS_CLI, else build/native/bin/apos.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertNoErrors, call, clickWidget } from '../lib/browser.mjs';
import { clickLikePerson, withConfigurator } from '../lib/person.mjs';

const CLI = process.env.APOS_CLI || resolve(new URL('.', import.meta.url).pathname, '../../../build/native/bin/apos');
const CATALOG = resolve(new URL('.', import.meta.url).pathname, '../../../catalog');
const AS_OF = '2026-11-26';
const MTMS = ['21HD', '21F6', '20BU', '21HM', '21H1', '20LS', '21HK', '20SE', 'ZZ99'];
// Above the page's default threshold for workers (131,072 rows).
const ROWS = 160000;

// Every ninth row has a machine type the catalog lacks (the evaluation's errors travel too), and
// every 1000th an impossible date (the reader's).
function fleetCsv(rows) {
  const lines = ['serial,mtm,ship_date,channel,customer,coverage_end'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28), month = 1 + ((i >> 3) % 12), year = 2020 + ((i >> 5) % 7);
    const ship = i % 1000 === 999 ? '2025-02-30' : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    lines.push(`W${i},${MTMS[i % MTMS.length]},${ship},${i % 3 ? 'direct' : 'distributor'},Customer ${i % 700},` +
               (i % 11 === 0 ? `${year + 4}-06-30` : ''));
  }
  return lines.join('\n') + '\n';
}

const CSV = fleetCsv(ROWS);

// `apos fleet --format summary` on the same file and date: the summary the page must show.
function cliSummary() {
  if (!existsSync(CLI)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'apos-workers-'));
  try {
    const file = join(dir, 'fleet.csv');
    writeFileSync(file, CSV);
    return JSON.parse(execFileSync(CLI, ['fleet', '--csv', file, '--as-of', AS_OF, '--format', 'summary', '--catalog', CATALOG],
                                   { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Picks the fleet through the page's file field (the picker "Open fleet CSV..." opens) and waits
// for it to be evaluated.
async function loadThroughThePage(page) {
  await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
  if (!(await call(page, 'widgets')).some((w) => w.label === 'Open fleet CSV...' && w.visible)) await clickWidget(page, 'Fleet');
  await page.setInputFiles('.apos-file-input', { name: 'workers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForFunction(() => {
    const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
    return s.file === 'workers.csv' && ['done', 'failed', 'cancelled'].includes(s.stage);
  }, null, { timeout: 120000, polling: 200 });
  return call(page, 'fleetSummary');
}

function assertSameSummary(page, cli) {
  assert.equal(page.stage, 'done', JSON.stringify({ ...page, summary: undefined }));
  assert.equal(page.total, ROWS - ROWS / 1000);
  assert.ok(page.units > ROWS / 2, `only ${page.units} units`);
  if (cli) assert.deepEqual(page.summary, cli.summary ?? cli);
}

let expected;  // the CLI's summary, computed once

// Loads the fleet in the page at `url`; the workers must evaluate it, to the CLI's summary.
// Returns how many times the page fetched apos-fleet.wasm.
async function workersCase(env, url) {
  expected ??= cliSummary();
  return withConfigurator(env, { url, viewport: { width: 1440, height: 900 } }, async ({ page, requests, errors }) => {
    const s = await loadThroughThePage(page);
    assert.ok(s.workers >= 1, `no worker evaluated the fleet: ${s.workers_failure || JSON.stringify(s.workers)}`);
    assert.equal(s.workers_failure, undefined);
    assertSameSummary(s, expected);
    assertNoErrors(errors);
    return requests.filter((r) => /apos-fleet\.wasm/.test(r)).length;
  });
}

export const tests = [
  {
    name: 'served page: a large fleet is evaluated by the Web Workers, to the summary `apos fleet` gives',
    async run(env) {
      assert.equal(await workersCase(env, `${env.origin}/index.html`), 1, 'apos-fleet.wasm fetched once');
    },
  },
  {
    name: 'offline page from file://: the workers start from a blob URL with the inlined module',
    async run(env) {
      assert.equal(await workersCase(env, `${env.distUrl}/offline/apos-configurator.html`), 0, 'the module is inline');
    },
  },
  {
    name: 'Cancel while the workers evaluate a large fleet keeps what was taken back (a half-read file is dropped); the next fleet comes out whole',
    async run(env) {
      expected ??= cliSummary();
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        await clickWidget(page, 'Fleet');
        const rows = 700000;
        await page.setInputFiles('.apos-file-input', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(fleetCsv(rows)) });
        const summary = async () => ({ ...(await call(page, 'fleetSummary')), summary: undefined });
        const started = Date.now();
        let s = await summary();
        while (!(s.file === 'big.csv' && s.done > 0) && Date.now() - started < 60000) {
          await page.waitForTimeout(30);
          s = await summary();
        }
        assert.ok(s.done > 0, `no slice came back from the workers: ${JSON.stringify(s)}`);
        // The click lands while the file is still read or after (the workers keep up with the
        // reading): either way nothing evaluated and shown is lost.
        await clickLikePerson(page, 'Cancel');
        s = await summary();
        assert.equal(s.stage, 'cancelled', JSON.stringify(s));
        if (s.units === undefined) {
          assert.equal(s.total, 0, `a half-read file is dropped whole: ${JSON.stringify(s)}`);
        } else {
          // The rows taken back, in file order: every ninth row's machine type is unknown.
          assert.ok(s.done > 0 && s.done < s.total, JSON.stringify(s));
          assert.ok(s.units < s.done && s.units > s.done * 0.85, `units kept: ${s.units} of ${s.done} rows done`);
          assert.ok(s.workers >= 1, JSON.stringify(s));
          await page.waitForTimeout(500);
          assert.equal((await summary()).units, s.units, 'the units kept changed after the cancel');
        }

        // The next fleet: the answers still coming for the dropped one are not taken for its own.
        const next = await loadThroughThePage(page);
        assert.ok(next.workers >= 1, next.workers_failure || 'no workers');
        assertSameSummary(next, expected);
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'workers that cannot start: the page says why and evaluates the fleet itself, to the same summary',
    async run(env) {
      expected ??= cliSummary();
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, context, errors }) => {
        await context.route(/apos-fleet\.wasm/, (route) => route.fulfill({ status: 404, body: 'gone' }));
        const s = await loadThroughThePage(page);
        assert.equal(s.workers, 0);
        assert.match(s.workers_failure || '', /apos-fleet\.wasm did not load: .*HTTP 404/);
        assertSameSummary(s, expected);
        // The 404 itself is the only console error.
        assert.ok(errors.every((e) => /404|apos-fleet/.test(e)), JSON.stringify(errors));
      });
    },
  },
];
