// Follow-up marks in the fleet view, as a partner uses them: keeping turned on in the settings,
// units and a whole customer marked with the pointer and keyboard, the page reloaded (the marks
// come back from IndexedDB and meet a newer file of the same customer by serial), the exported
// opportunities CSV re-imported after "Forget all marks", and the marks file exported, forgotten
// and imported again; a bad marks file is refused with its place and changes nothing.
import assert from 'node:assert/strict';
import { call, findWidget, waitFrames } from '../lib/browser.mjs';
import { artifactPath, clickLikePerson, pause, typeLikePerson, widgetMatching, withConfigurator } from '../lib/person.mjs';

const AS_OF = '2026-11-26';
const HEADER = 'serial,mtm,ship_date,channel,customer';
const MTMS = ['21HD', '21F6', '20BU', '21HM'];

// `count` units of three customers; `shift` moves the rows around and adds units, the way next
// month's export of the same installed base would (same serials, other lines).
function fleet(count, shift = 0) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const year = 2022 + (i % 4), month = 1 + (i % 12);
    rows.push(`MK${String(i).padStart(4, '0')},${MTMS[i % MTMS.length]},${year}-${String(month).padStart(2, '0')}-10,` +
              `direct,Customer ${'ABC'[i % 3]}`);
  }
  for (let k = 0; k < shift; k++) rows.unshift(rows.pop());
  for (let k = 0; k < shift; k++) rows.push(`NEW${k},21HD,2025-06-0${1 + k},direct,Customer A`);
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

async function waitForFleet(page, file) {
  await page.waitForFunction((name) => {
    const s = document.querySelector('#apos-canvas').configurator.fleetSummary();
    return s.file === name && (s.stage === 'done' || s.stage === 'failed');
  }, file, { timeout: 30000, polling: 100 });
  await waitFrames(page, 3);
  await openMarksBar(page);
  return call(page, 'fleetSummary');
}

// The marks bar folds when the table needs the room: a person unfolds it with a click.
async function openMarksBar(page) {
  if (!(await findWidget(page, 'Follow-up marks')).opened) await clickLikePerson(page, 'Follow-up marks');
  assert.equal((await findWidget(page, 'Follow-up marks')).opened, true, 'the marks bar is open');
}

// Picks a file in the chooser a button opens, as a person would.
async function pickFile(page, button, name, text, mimeType = 'text/csv') {
  const chooser = page.waitForEvent('filechooser');
  chooser.catch(() => {});
  await clickLikePerson(page, button);
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(text) });
}

async function download(page, button) {
  const file = page.waitForEvent('download');
  file.catch(() => {});
  await clickLikePerson(page, button);
  const done = await file;
  const text = (await (await done.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString();
  return { name: done.suggestedFilename(), text };
}

// Moves to a widget record and clicks it with a person's timing (the row checkboxes share a name).
async function clickRecord(page, widget) {
  const box = await page.evaluate(() => document.querySelector('#apos-canvas').getBoundingClientRect().toJSON());
  const x = box.left + widget.x + widget.w / 2, y = box.top + widget.y + widget.h / 2;
  await page.mouse.move(x - 6, y - 3);
  await pause(page, 40, 1);
  await page.mouse.move(x, y, { steps: 3 });
  await pause(page, 80, 2);
  await page.mouse.down();
  await pause(page, 90, 2);
  await page.mouse.up();
  await pause(page, 80, 2);
}

async function rowCheckboxes(page) {
  return (await call(page, 'widgets')).filter((w) => w.visible && w.whole && w.name === '##sel').sort((a, b) => a.y - b.y);
}

const marksOf = async (page) => Object.fromEntries((await call(page, 'fleetUnits'))
  .filter((u) => u.follow_up).map((u) => [u.serial, u.follow_up]));

// What IndexedDB holds, record by record (keyed by serial).
const storedMarks = (page) => page.evaluate(() => new Promise((resolve) => {
  const request = indexedDB.open('apos-follow-up-marks');
  request.onsuccess = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains('marks')) { db.close(); resolve([]); return; }
    const all = db.transaction('marks').objectStore('marks').getAll();
    all.onsuccess = () => { db.close(); resolve(all.result); };
  };
  request.onerror = () => resolve(null);
}));

async function openFleetView(page) {
  await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
  await clickLikePerson(page, 'Fleet');
}

// The fleet file kept in IndexedDB (its name and bytes), or null. Looks without making the
// database (an open of a missing one would).
const storedFleet = (page) => page.evaluate(async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === 'apos-fleet-file')) return null;
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('apos-fleet-file');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  if (!db.objectStoreNames.contains('files')) { db.close(); return null; }
  const kept = await new Promise((resolve) => {
    const get = db.transaction('files').objectStore('files').get('last');
    get.onsuccess = () => resolve(get.result);
  });
  db.close();
  return kept ? { name: kept.name, text: await kept.file.text() } : null;
});

// Reloads the page and waits until the configurator draws again.
async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => {
    const c = document.querySelector('#apos-canvas');
    return c && c.configurator && c.configurator.frameCount() > 3;
  });
}

export const tests = [
  {
    name: 'fleet file: kept in this browser once the partner ticks "Keep in this browser", open again after a reload, deleted when unticked',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        await openFleetView(page);
        await pickFile(page, 'Open fleet CSV...', 'base.csv', fleet(24));
        assert.equal((await waitForFleet(page, 'base.csv')).units, 24);
        assert.equal((await findWidget(page, 'Keep in this browser')).checked, false);
        assert.equal(await storedFleet(page), null, 'nothing is kept before the partner says so');

        // Ticked after the file was opened: that file is kept, and the preference says so.
        await clickLikePerson(page, 'Keep in this browser');
        assert.equal((await findWidget(page, 'Keep in this browser')).checked, true);
        await pause(page, 300, 3);
        assert.deepEqual(await storedFleet(page), { name: 'base.csv', text: fleet(24) });
        assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('apos-preferences'))).keep_fleet, true);

        // The next visit opens it again, by itself.
        await reload(page);
        assert.equal((await waitForFleet(page, 'base.csv')).units, 24);
        assert.equal((await findWidget(page, 'Keep in this browser')).checked, true);

        // A file opened later takes its place.
        await pickFile(page, 'Open fleet CSV...', 'base-december.csv', fleet(24, 3));
        assert.equal((await waitForFleet(page, 'base-december.csv')).units, 27);
        await pause(page, 300, 3);
        assert.equal((await storedFleet(page)).name, 'base-december.csv');
        await reload(page);
        assert.equal((await waitForFleet(page, 'base-december.csv')).units, 27);

        // Unticked: the stored copy goes, and the next visit starts with no fleet.
        await clickLikePerson(page, 'Keep in this browser');
        assert.equal((await findWidget(page, 'Keep in this browser')).checked, false);
        await pause(page, 300, 3);
        assert.equal(await storedFleet(page), null);
        await reload(page);
        await pause(page, 500, 10);
        assert.equal((await call(page, 'fleetSummary')).stage, 'empty');
        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'follow-up marks: kept in IndexedDB by serial, back after a reload and a newer file, and after re-importing the export',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        await openFleetView(page);
        await pickFile(page, 'Open fleet CSV...', 'base.csv', fleet(24));
        let s = await waitForFleet(page, 'base.csv');
        assert.equal(s.units, 24);
        assert.deepEqual(s.marks, { kept: false, count: 0, by_kind: {} });

        // Keeping is off until the partner turns it on; then the preference says so.
        assert.equal((await findWidget(page, 'Keep follow-up marks in this browser')).checked, false);
        await clickLikePerson(page, 'Keep follow-up marks in this browser');
        assert.equal((await findWidget(page, 'Keep follow-up marks in this browser')).checked, true);
        const preferences = JSON.parse(await page.evaluate(() => localStorage.getItem('apos-preferences')));
        assert.equal(preferences.keep_marks, true);

        // Two units ticked in the table, marked "Proposal sent" (the date field left at the as-of date).
        const boxes = await rowCheckboxes(page);
        assert.ok(boxes.length >= 3, `row checkboxes visible: ${boxes.length}`);
        await clickRecord(page, boxes[0]);
        await clickRecord(page, boxes[1]);
        await clickLikePerson(page, 'Proposal sent');
        let marks = await marksOf(page);
        assert.deepEqual(marks, { MK0000: `sent ${AS_OF}`, MK0001: `sent ${AS_OF}` });

        // A whole customer: chosen in the customer list, then "Won't renew" with a typed reason.
        await clickLikePerson(page, 'Select a customer...');
        const customer = await widgetMatching(page, /^Customer C \(8\)/);
        assert.ok(customer, 'Customer C is offered with its 8 units');
        await clickRecord(page, customer);
        await clickLikePerson(page, '##reason');
        await typeLikePerson(page, 'moved to tablets');
        await clickLikePerson(page, "Won't renew");
        marks = await marksOf(page);
        const wont = Object.keys(marks).filter((k) => marks[k].startsWith('wont_renew'));
        assert.equal(wont.length, 8, JSON.stringify(marks));
        assert.equal(marks.MK0002, `wont_renew ${AS_OF}: moved to tablets`);
        s = await call(page, 'fleetSummary');
        assert.equal(s.marks.count, 10);
        assert.equal(s.open_work_units, 24 - 8, 'won\'t renew leaves the open work; proposal sent stays in it');

        // The open-work view (the default) no longer lists the settled units: fewer row checkboxes.
        assert.equal((await findWidget(page, 'Show')).label, 'Show');
        const radarPicture = artifactPath('follow-up-marks-radar.png');
        await page.mouse.move(5, 5);
        await waitFrames(page, 3);
        await page.screenshot({ path: radarPicture });

        // IndexedDB holds one record per serial.
        await pause(page, 300, 3);
        const stored = await storedMarks(page);
        assert.equal(stored.length, 10);
        assert.deepEqual(stored.find((r) => r.serial === 'MK0002'),
                         { serial: 'MK0002', kind: 'wont_renew', date: AS_OF, reason: 'moved to tablets' });

        // The opportunities export carries the marks in its follow_up column.
        const exported = await download(page, 'Export opportunities CSV');
        const header = exported.text.split('\r\n')[0].split(',');
        assert.ok(header.includes('follow_up'), header.join(','));
        assert.match(exported.text, /,sent 2026-11-26[,\r]/);

        // Reload: the marks come back from IndexedDB before any file is loaded ...
        await page.reload();
        await page.waitForFunction(() => {
          const c = document.querySelector('#apos-canvas');
          return c && c.configurator && c.configurator.frameCount() > 3;
        });
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().marks.count === 10,
                                   null, { timeout: 10000 });
        assert.equal((await findWidget(page, 'Keep follow-up marks in this browser')).checked, true);
        await openFleetView(page);
        // ... and meet next month's file of the same customers by serial (rows moved, units added).
        await pickFile(page, 'Open fleet CSV...', 'base-december.csv', fleet(24, 3));
        s = await waitForFleet(page, 'base-december.csv');
        assert.equal(s.units, 27);
        assert.deepEqual(await marksOf(page), marks);
        assert.equal(s.open_work_units, 27 - 8);

        // Forget everything: the marks and the stored copy go.
        await clickLikePerson(page, 'Forget all marks');
        await clickLikePerson(page, 'Forget them');
        s = await call(page, 'fleetSummary');
        assert.equal(s.marks.count, 0);
        await pause(page, 300, 3);
        assert.deepEqual(await storedMarks(page), []);

        // The exported opportunities CSV read back: its follow_up column brings the marks again.
        await pickFile(page, 'Open fleet CSV...', 'apos-fleet-opportunities.csv', exported.text);
        s = await waitForFleet(page, 'apos-fleet-opportunities.csv');
        assert.equal(s.units, 24);
        assert.deepEqual(await marksOf(page), marks);
        assert.equal(s.marks.count, 10);
        assert.deepEqual(errors, []);
      });
    },
  },
  {
    name: 'follow-up marks: the marks file exports, imports after "Forget all marks", and a bad one is refused',
    async run(env) {
      await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
        await openFleetView(page);
        await pickFile(page, 'Open fleet CSV...', 'base.csv', fleet(12));
        await waitForFleet(page, 'base.csv');
        const boxes = await rowCheckboxes(page);
        await clickRecord(page, boxes[2]);
        await clickLikePerson(page, 'Renewed');
        await clickRecord(page, (await rowCheckboxes(page))[0]);
        await clickLikePerson(page, 'Proposal sent');
        const marks = await marksOf(page);
        assert.deepEqual(marks, { MK0000: `sent ${AS_OF}`, MK0002: `renewed ${AS_OF}` });

        const file = await download(page, 'Export marks...');
        assert.equal(file.name, 'apos-follow-up-marks.json');
        const json = JSON.parse(file.text);
        assert.equal(json.format, 'apos-follow-up-marks');
        assert.equal(json.version, 1);
        assert.deepEqual(json.marks.map((m) => m.serial), ['MK0000', 'MK0002']);

        await clickLikePerson(page, 'Forget all marks');
        await clickLikePerson(page, 'Forget them');
        assert.deepEqual(await marksOf(page), {});

        // A bad file: its place and fault are shown, nothing changes.
        const bad = JSON.stringify({ format: 'apos-follow-up-marks', version: 1,
                                     marks: [{ serial: 'MK0001', kind: 'lost', date: AS_OF }] });
        await openMarksBar(page);
        await pickFile(page, 'Import marks...', 'bad-marks.json', bad, 'application/json');
        await waitFrames(page, 3);
        const message = (await call(page, 'widgets')).find((w) => w.role === 'message' && /bad-marks\.json/.test(w.label));
        assert.ok(message, 'the refused file is reported');
        assert.deepEqual(await marksOf(page), {});

        await pickFile(page, 'Import marks...', 'apos-follow-up-marks.json', file.text, 'application/json');
        await waitFrames(page, 3);
        assert.deepEqual(await marksOf(page), marks);
        // The fleet stayed: a marks file never replaces the loaded fleet.
        assert.equal((await call(page, 'fleetSummary')).file, 'base.csv');
        assert.deepEqual(errors, []);
      });
    },
  },
];
