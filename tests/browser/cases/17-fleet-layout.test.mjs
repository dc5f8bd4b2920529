// The fleet view's layout at the screens sales reps use (1280x720, 1440x900, 1920x1080) and each
// of the four text sizes: a person starts in the host page's own field, goes into the canvas,
// opens the Fleet tab and picks a fleet file with the pointer; the units table must then show at
// least the rows of ROWS_AT_LEAST (counted as wholly visible row checkboxes). The marks bar is
// folded and unfolded with a click and with the keyboard, and keeps what the person chose.
// Each rendering is saved as a PNG under build/browser-artifacts/ for a person to look at.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { call, findWidget, waitForConfigurator, waitFrames } from '../lib/browser.mjs';
import {
  activeId, artifactPath, clickLikePerson, focusedWidget, pause, pressKey, typeLikePerson, withConfigurator,
} from '../lib/person.mjs';

const AS_OF = '2026-11-26';
const TEXT_SIZES = { small: 13, normal: 15, large: 18, larger: 22 };
// Rows the table shows at least, per screen and text size: ten at 1280x720 with Normal text, more
// on larger screens, fewer (but still a working list) with larger text. The folding sections open
// by themselves only while the table keeps ten rows, so small text does not mean many more.
const ROWS_AT_LEAST = {
  '1280x720': { small: 10, normal: 10, large: 7, larger: 5 },
  '1440x900': { small: 12, normal: 12, large: 10, larger: 8 },
  '1920x1080': { small: 20, normal: 20, large: 15, larger: 11 },
};

// 150 units of five customers, coverage ending over the next years: more rows than any screen shows.
function fleetCsv() {
  const mtms = ['21HD', '21F6', '20BU', '21HM'];
  const lines = ['serial,mtm,ship_date,channel,customer'];
  for (let i = 0; i < 150; i++)
    lines.push(`LY${String(i).padStart(4, '0')},${mtms[i % 4]},${2022 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-10,` +
               `direct,Customer ${'ABCDE'[i % 5]}`);
  return lines.join('\r\n') + '\r\n';
}

const visibleRows = async (page) =>
  (await call(page, 'widgets')).filter((w) => w.visible && w.whole && w.name === '##sel').length;

const marksBar = (page) => findWidget(page, 'Follow-up marks');

// Opens the Fleet tab and picks the fleet file with the pointer; waits for its units.
async function pickFleet(page) {
  await clickLikePerson(page, 'Fleet');
  const chooser = page.waitForEvent('filechooser');
  chooser.catch(() => {});
  await clickLikePerson(page, 'Open fleet CSV...');
  await (await chooser).setFiles({ name: 'layout.csv', mimeType: 'text/csv', buffer: Buffer.from(fleetCsv()) });
  await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'done',
                             null, { timeout: 30000, polling: 100 });
  await pause(page, 100, 4);
}

// The sections a person folded or opened stay so when the page is opened again.
const foldsOutliveAReload = {
  name: 'fleet layout: the marks bar and the radar stay as a person folded or opened them after the page reloads',
  async run(env) {
    await withConfigurator(env, { viewport: { width: 1440, height: 900 } }, async ({ page, errors }) => {
      await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
      await pickFleet(page);
      const marksBefore = (await marksBar(page)).opened;
      const radarBefore = (await findWidget(page, 'Radar and totals')).opened;
      await clickLikePerson(page, 'Follow-up marks');
      await clickLikePerson(page, 'Radar and totals');
      await pause(page, 200, 4);
      assert.equal((await marksBar(page)).opened, !marksBefore, 'a click turns the marks bar');
      assert.equal((await findWidget(page, 'Radar and totals')).opened, !radarBefore, 'a click turns the radar');

      await page.reload();
      await waitForConfigurator(page);
      await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
      await pickFleet(page);
      assert.equal((await marksBar(page)).opened, !marksBefore, 'the marks bar as it was left');
      assert.equal((await findWidget(page, 'Radar and totals')).opened, !radarBefore, 'the radar as it was left');
      assert.deepEqual(errors, []);
    });
  },
};

// One test per screen and text size (one page load each), well inside the runner's time limit.
export const tests = [foldsOutliveAReload, ...Object.keys(ROWS_AT_LEAST).flatMap((screen) => Object.entries(TEXT_SIZES).map(([sizeName, px]) => ({
  name: `fleet layout at ${screen}, ${sizeName} text: the units table shows its rows; the marks bar folds by click and key`,
  async run(env) {
    const [width, height] = screen.split('x').map(Number);
    const failures = [];
    {
      const initScript = `localStorage.setItem('apos-preferences', '${JSON.stringify({ dark: false, text_size: px })}')`;
      await withConfigurator(env, { viewport: { width, height }, initScript }, async ({ page, errors }) => {
        await call(page, 'configure', [{ as_of: AS_OF, device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        // From the host page's own field into the canvas, as a person does.
        await page.click('#host-field');
        await typeLikePerson(page, 'PO-17');
        await page.focus('#host-notes');
        await pressKey(page, 'Tab');
        assert.equal(await activeId(page), 'apos-canvas', 'Tab from the host field reaches the canvas');
        await pickFleet(page);
        await page.mouse.move(5, 5);
        await pause(page, 100, 4);
        const rows = await visibleRows(page);
        const wanted = ROWS_AT_LEAST[screen][sizeName];
        const shot = artifactPath(`fleet-layout-${screen}-${sizeName}.png`);
        writeFileSync(shot, await page.screenshot());
        env.attach(shot);
        if (process.env.APOS_SHOW_ROWS) console.log(`      ${screen} ${sizeName}: ${rows} rows`);
        if (rows < wanted) failures.push(`${sizeName}: ${rows} table rows visible, want at least ${wanted}`);

        // The marks bar: a click unfolds or folds it, Space and Enter on the header turn it; the
        // choice stays while the page runs.
        const before = (await marksBar(page)).opened;
        await clickLikePerson(page, 'Follow-up marks');
        await waitFrames(page, 3);
        assert.equal((await marksBar(page)).opened, !before, `${sizeName}: a click turns the marks bar`);
        const proposalVisible = (await call(page, 'widgets')).some((w) => w.visible && w.label === 'Proposal sent');
        assert.equal(proposalVisible, !before, `${sizeName}: the marks buttons show while the bar is open`);
        // Tab on and Shift+Tab back: the keyboard focus is on the header, Space acts on it.
        await pressKey(page, 'Tab');
        await pressKey(page, 'Shift+Tab');
        const focused = await focusedWidget(page);
        assert.equal(focused && focused.label, 'Follow-up marks', `${sizeName}: Shift+Tab comes back to the header`);
        await pressKey(page, 'Space');
        await waitFrames(page, 3);
        assert.equal((await marksBar(page)).opened, before, `${sizeName}: Space on the header turns it back`);
        await pressKey(page, 'Enter');
        await pause(page, 200, 6);
        assert.equal((await marksBar(page)).opened, !before, `${sizeName}: Enter turns it too, and it stays`);
        // Opened by hand where the table had its ten rows, the table still shows five.
        if (!before && wanted >= 10 && (await visibleRows(page)) < 5)
          failures.push(`${sizeName}: with the marks bar opened by hand, fewer than 5 rows`);
        assert.deepEqual(errors, []);
      });
    }
    assert.deepEqual(failures, [], `${failures.length} layout problems at ${screen}:\n${failures.join('\n')}`);
  },
})))];
