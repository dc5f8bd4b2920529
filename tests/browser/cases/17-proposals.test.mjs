// Renewal proposals from the page, as a partner makes them. One case loads a fleet with a segment
// column, narrows the table to one customer and gives that customer's segment its own urgency
// limits in the settings window (the table's colours follow, the limits are kept), then gives
// another customer that segment in the page (for this visit only). The other, with
// the partner's name already kept, prepares proposals for 180 days, prints them (the print frame
// is read, not shown), puts a co-terming suggestion on the quote and downloads the mail-merge CSV
// and one e-mail draft. With APOS_WRITE_DOCS=1 the printed proposal is also rendered to
// docs/screenshot-proposal-print.png.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, clickWidget, findWidget, waitFrames } from '../lib/browser.mjs';
import { artifactPath, clickLikePerson, pause, pressKey, typeLikePerson, withConfigurator } from '../lib/person.mjs';

const AS_OF = '2026-11-26';
const HORIZON_END = '2027-05-25';  // 180 days after AS_OF
const MTMS = ['21HD', '21F6', '20BU', '21HM', '21H1', '20LS'];

// Six units of Acme School (segment "Key accounts") shipped a few months apart, so that their
// next windows close at many distances; four of Bolt Ltd (segment "Small").
function fleet() {
  const lines = ['serial,mtm,ship_date,channel,customer,Contact Email,Segment'];
  const ships = ['2024-02-10', '2024-05-20', '2024-09-01', '2025-01-15', '2025-06-10', '2026-10-01'];
  ships.forEach((ship, i) =>
    lines.push(`AC${i},${MTMS[i % MTMS.length]},${ship},direct,Acme School,buyer@acme.example,Key accounts`));
  ['2023-12-01', '2024-08-15', '2025-03-03', '2026-09-20'].forEach((ship, i) =>
    lines.push(`BO${i},${MTMS[(i + 2) % MTMS.length]},${ship},distributor,Bolt Ltd,,Small`));
  return lines.join('\r\n') + '\r\n';
}

// The table's words for a unit under limits [urgent, soon, plan] (urgency.hpp, proposals_panel.cpp).
function urgencyLabel(unit, [urgent, soon, plan]) {
  const next = unit.windows[0];
  if (!next) return unit.lapsed ? 'Lapsed' : 'Nothing to sell';
  const d = next.days_left;
  if (d <= urgent) return `Closing in 0-${urgent} days`;
  if (d <= soon) return `Closing in ${urgent + 1}-${soon} days`;
  if (d <= plan) return `Closing in ${soon + 1}-${plan} days`;
  return 'Open later';
}

// The radar's colour key beside the table: the words of its three closing buckets.
async function radarKey(page) {
  const widgets = await call(page, 'widgets');
  return widgets.filter((w) => w.visible && w.window.includes('fleet-summary') && /^Closing/.test(w.label)).map((w) => w.label);
}

// Folds or unfolds the radar and totals with a click (beside the table at 1440x900 they leave
// it too narrow for its Window column).
async function showRadar(page, open) {
  if ((await findWidget(page, 'Radar and totals')).opened !== open) await clickLikePerson(page, 'Radar and totals');
  await waitFrames(page, 3);
  assert.equal((await findWidget(page, 'Radar and totals')).opened, open);
}

async function urgencyChips(page) {
  const widgets = await call(page, 'widgets');
  return widgets.filter((w) => w.visible && /\(Key accounts\)$|\(Small\)$/.test(w.label)).map((w) => w.label).sort();
}

// Selects everything in the focused number field and types `value` over it, as a person does.
async function retype(page, name, value) {
  await clickLikePerson(page, name);
  await pressKey(page, 'Control+a');
  await typeLikePerson(page, String(value));
  await pause(page, 60, 2);
}

async function downloadOf(page, label) {
  const download = page.waitForEvent('download');
  download.catch(() => {});  // a failure before the click must not leave it unhandled
  await clickLikePerson(page, label);
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  return { name: file.suggestedFilename(), text };
}

// The fleet view with the file loaded through the file picker, and Acme School's units.
async function loadFleet(page) {
  await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
  await clickLikePerson(page, 'Fleet');
  const chooser = page.waitForEvent('filechooser');
  await clickWidget(page, 'Open fleet CSV...');
  await (await chooser).setFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: Buffer.from(fleet()) });
  await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done',
                             null, { timeout: 30000, polling: 100 });
  await waitFrames(page, 3);
  const units = await call(page, 'fleetUnits');
  assert.equal(units.length, 10);
  return units.filter((u) => u.customer === 'Acme School');
}

export const tests = [
  {
    name: 'segment limits: a segment called at 60/120/180 days recolours its units in the table; kept as a preference',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        const acme = await loadFleet(page);
        // Only Acme School's units in the table, through the customer filter.
        await clickLikePerson(page, 'Customer filter');
        await clickLikePerson(page, 'Acme School');
        assert.deepEqual(await radarKey(page), ['Closing in 0-30 days', 'Closing in 31-60 days', 'Closing in 61-90 days'],
                         'the key says the fleet\'s own limits while no segment has others');
        await showRadar(page, false);
        const before = await urgencyChips(page);
        assert.deepEqual(before, acme.map((u) => `${urgencyLabel(u, [30, 60, 90])} (Key accounts)`).sort(),
                         'default limits: the fleet\'s own buckets');
        const changes = acme.filter((u) => urgencyLabel(u, [30, 60, 90]) !== urgencyLabel(u, [60, 120, 180]));
        assert.ok(changes.length > 0, `some Acme unit changes colour at 60/120/180 days: ${JSON.stringify(acme.map((u) => u.windows[0]))}`);

        // Key accounts' limits, in the settings window.
        await clickLikePerson(page, 'Partner & urgency...');
        await clickLikePerson(page, 'Add Key accounts');
        await retype(page, '##segment-Key accounts-plan', 180);
        await retype(page, '##segment-Key accounts-soon', 120);
        await retype(page, '##segment-Key accounts-urgent', 60);
        await clickLikePerson(page, 'Close##partner-urgency');
        await waitFrames(page, 3);
        const after = await urgencyChips(page);
        assert.deepEqual(after, acme.map((u) => `${urgencyLabel(u, [60, 120, 180])} (Key accounts)`).sort(),
                         'Key accounts now called at 60 / 120 / 180 days');
        // The key shows the limits in force: the others' days, and the segment that differs.
        await showRadar(page, true);
        assert.deepEqual(await radarKey(page), ['Closing in 0-30 days (Key accounts: 0-60)',
                                                'Closing in 31-60 days (Key accounts: 61-120)',
                                                'Closing in 61-90 days (Key accounts: 121-180)']);
        await showRadar(page, false);
        const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('apos-preferences')));
        assert.deepEqual(kept.segments.map((s) => [s.name, s.limits]), [['Key accounts', [60, 120, 180]]]);

        // Bolt Ltd is "Small" in the file; given Key accounts in the page, its units follow those limits.
        const bolt = (await call(page, 'fleetUnits')).filter((u) => u.customer === 'Bolt Ltd');
        await clickLikePerson(page, 'Customer filter');
        await clickLikePerson(page, 'Bolt Ltd');
        assert.deepEqual(await urgencyChips(page), bolt.map((u) => `${urgencyLabel(u, [30, 60, 90])} (Small)`).sort());
        await clickLikePerson(page, 'Customer segment');
        await clickLikePerson(page, 'Key accounts##segment-choice');
        await waitFrames(page, 3);
        assert.deepEqual(await urgencyChips(page), bolt.map((u) => `${urgencyLabel(u, [60, 120, 180])} (Key accounts)`).sort());
        assert.ok(!/Bolt/.test(await page.evaluate(() => localStorage.getItem('apos-preferences'))),
                  'a customer\'s segment given in the page is not stored');

        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'proposals from the page: 180 days, print (one page per customer), co-terming to the quote, mail-merge CSV, a draft',
    async run(env) {
      // The partner's name as the settings window keeps it; each frame (the print frame too)
      // records what it was asked to print, with its style sheet, instead of opening a dialog.
      const initScript = () => {
        localStorage.setItem('apos-preferences', JSON.stringify({ dark: false, text_size: 15, partner: { name: 'Northwind IT', contact: '+1 555 0100', email: '' } }));
        window.print = function() {
          const css = (document.adoptedStyleSheets || []).map((s) => [...s.cssRules].map((r) => r.cssText).join('\n'));
          (window.top.__aposPrinted = window.top.__aposPrinted || []).push({ html: document.documentElement.outerHTML, css: css.join('\n') });
        };
      };
      await withConfigurator(env, { viewport: { width: 1440, height: 900 }, initScript }, async ({ page, errors }) => {
        await loadFleet(page);
        // Proposals for every customer, windows within 180 days.
        await clickLikePerson(page, 'Proposals');
        await clickLikePerson(page, '180 days');
        await clickLikePerson(page, 'Prepare proposals');
        writeFileSync(artifactPath('proposals-panel.png'), await page.screenshot());
        await clickLikePerson(page, 'Print all');
        await page.waitForFunction(() => (window.__aposPrinted || []).length === 1, null, { timeout: 10000 });
        const printed = await page.evaluate(() => window.__aposPrinted[0]);
        const sections = printed.html.match(/<section class="proposal"/g) || [];
        assert.ok(sections.length >= 1, 'at least one customer has something due');
        assert.match(printed.html, /Service renewal proposal for Acme School/);
        assert.match(printed.html, /Northwind IT/);
        assert.ok(printed.html.includes(`need a decision by ${HORIZON_END}`) || printed.html.includes(`needs a decision by ${HORIZON_END}`));
        assert.match(printed.css, /break-after:\s*page/, 'one printed page per customer');
        for (const word of [/partner price/i, /margin/i, /program/i]) assert.doesNotMatch(printed.html.replace(/<style>[\s\S]*?<\/style>/, ''), word);

        // Acme's units end far apart: its page carries the co-terming suggestion, and its row's
        // "Terms to quote" (the first row: customers in name order) puts those terms on the quote.
        const acmePage = printed.html.slice(printed.html.indexOf('proposal for Acme School'));
        const cotermAt = acmePage.indexOf('Bringing your coverage end dates together');
        assert.ok(cotermAt > 0 && cotermAt < (acmePage.indexOf('<section class="proposal"') >>> 0), 'Acme\'s page has the co-terming suggestion');
        const suggested = [...acmePage.slice(cotermAt).matchAll(/<tr><td>(AC\d)<\/td>/g)].map((m) => m[1]);
        assert.ok(suggested.length > 0);
        await clickLikePerson(page, 'Terms to quote');
        const quote = await call(page, 'quote');
        const quoted = new Set(quote.lines.map((l) => quote.items[l.item].device && quote.items[l.item].device.serial));
        for (const serial of suggested) assert.ok(quoted.has(serial), `${serial} is on the quote: ${JSON.stringify([...quoted])}`);

        const csv = await downloadOf(page, 'Download mail-merge CSV');
        assert.equal(csv.name, 'apos-proposals-mail-merge.csv');
        const rows = csv.text.trim().split('\r\n');
        assert.equal(rows[0], 'customer,contact,units,earliest_deadline,total,currency,text');
        assert.equal(rows.length - 1, sections.length, 'one CSV line per printed proposal');
        const acmeRow = rows.find((r) => r.startsWith('Acme School,'));
        assert.ok(acmeRow, 'Acme School is in the mail merge');
        assert.equal(acmeRow.split(',')[1], 'buyer@acme.example');
        const total = /Total at list prices: <strong>([^<]+)<\/strong>/.exec(printed.html.slice(printed.html.indexOf('Acme School')))[1];
        const plain = acmeRow.split(',')[4];
        assert.equal(total.replace(/[^0-9.]/g, ''), plain, `printed total ${total}, CSV ${plain}`);

        const draft = await downloadOf(page, 'E-mail draft##acme-school.eml');
        assert.equal(draft.name, 'acme-school.eml');
        assert.match(draft.text, /^From: .*Northwind IT.* <renewals@example\.invalid>\r\n/);
        assert.match(draft.text, /\r\nTo: <buyer@acme\.example>\r\n/);
        assert.match(draft.text, /\r\nX-Unsent: 1\r\n/);
        const body = Buffer.from(draft.text.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString();
        assert.match(body, /Service renewal proposal for Acme School/);

        // The printed proposal as a reader sees it (print media, its own style sheet).
        const shot = await page.context().newPage();
        await shot.setViewportSize({ width: 900, height: 1160 });
        await shot.emulateMedia({ media: 'print' });
        await shot.setContent(printed.html.replace('</head>', `<style>${printed.css}\nbody{margin:24px}</style></head>`));
        const png = await shot.locator('section.proposal').first().screenshot();
        writeFileSync(artifactPath('proposal-print.png'), png);
        if (process.env.APOS_WRITE_DOCS === '1') {
          const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
          writeFileSync(resolve(root, 'docs/screenshot-proposal-print.png'), png);
        }
        await shot.close();
        assert.deepEqual(errors, [], 'no console errors and no CSP violations from the print frame');
      });
    },
  },
];
