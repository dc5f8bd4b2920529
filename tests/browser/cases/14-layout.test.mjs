// Layout at the screens sales reps use (1280x720, 1440x900, 1920x1080) with each of the four text
// sizes, on a configured quote: the UI's debug hook (layoutProblems()) lists every item cut at the
// right edge of its window or table cell without an ellipsis; any entry fails. Each of the twelve
// renderings is saved as a PNG under build/browser-artifacts/ for a person to look at, and listed
// under the test's result line.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { call, waitFrames } from '../lib/browser.mjs';
import { artifactPath, withConfigurator } from '../lib/person.mjs';

const SCREENS = [[1280, 720], [1440, 900], [1920, 1080]];
const TEXT_SIZES = { small: 13, normal: 15, large: 18, larger: 22 };
const QUOTE = {
  as_of: '2026-11-26',
  customer: { segment: 'education', new_customer: true, programs: ['NCB'] },
  items: [{
    device: { mtm: '21JKCTO1WW', serial: 'PF4XYZ01', ship_date: '2026-10-01', channel: 'distributor', quantity: 25 },
    services: [{ kind: 'extension', term_years: 3 }, { id: 'adp', term_years: 3 }, { id: 'sbty', term_years: 3 }],
  }],
};

// One test per screen (four page loads each), so each stays well inside the runner's time limit.
export const tests = SCREENS.map(([width, height]) => ({
  name: `layout at ${width}x${height}, 4 text sizes: no text cut without an ellipsis, no column under its minimum`,
  async run(env) {
    const failures = [];
    for (const [sizeName, px] of Object.entries(TEXT_SIZES)) {
      // The text size arrives as a kept preference, the way a returning user's does.
      const initScript = `localStorage.setItem('apos-preferences', '${JSON.stringify({ dark: false, text_size: px })}')`;
      await withConfigurator(env, { viewport: { width, height }, initScript }, async ({ page }) => {
        assert.deepEqual(await call(page, 'configure', [QUOTE]), { ok: true, errors: [] });
        await waitFrames(page, 4);
        const problems = await call(page, 'layoutProblems');
        const shot = artifactPath(`layout-${width}x${height}-${sizeName}.png`);
        writeFileSync(shot, await page.screenshot());
        env.attach(shot);
        for (const p of problems)
          failures.push(`${sizeName}: ${p.kind} "${p.label}" in ${p.window} (x ${p.x}..${p.x + p.w}, cut at ${p.clip_right})`);
      });
    }
    assert.deepEqual(failures, [], `${failures.length} layout problems at ${width}x${height}:\n${failures.join('\n')}`);
  },
}));
