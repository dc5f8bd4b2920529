// Limits and broken input on the page (README "Limits and errors"): an over-long or malformed
// link, a too-big setState() or configure(), an oversized catalog file and a file that is no
// fleet each get a message naming what is wrong, the configuration on screen is kept, and the
// page keeps working.
import assert from 'node:assert/strict';
import { assertNoErrors, call, clickWidget, waitForConfigurator, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

const DEVICE = { as_of: '2026-11-26', device: { mtm: '21HD', ship_date: '2026-10-01' } };

// A link of exactly `length` characters after '#': a good configuration padded by a key the app
// ignores (so only the length decides).
function paddedHash(length) {
  const hash = 'mtm=21JK&ship=2025-01-15&pad=';
  return hash + 'x'.repeat(length - hash.length);
}

async function messages(page) {
  return (await call(page, 'widgets')).filter((w) => w.role === 'message').map((w) => w.label);
}

async function waitForMessage(page, phrase) {
  for (let i = 0; i < 20; i++) {
    const found = (await messages(page)).find((m) => m.includes(phrase));
    if (found) return found;
    await waitFrames(page, 2);
  }
  assert.fail(`no message with ${JSON.stringify(phrase)}; messages: ${JSON.stringify(await messages(page))}`);
}

// Typing a machine type still resolves a device: the page is alive after the bad input.
async function assertStillWorks(page) {
  await clickWidget(page, 'MTM');
  await page.keyboard.type('21HD');
  await waitFrames(page, 3);
  // The machine type is taken; with no ship date yet the page asks for that next.
  assert.match(await call(page, 'getState'), /(^|&)mtm=21HD(&|$)/);
  assert.equal((await call(page, 'eligibility')).error.field, 'ship_date');
}

export const tests = [
  {
    name: 'a page opened on an over-long link says so, starts empty and works',
    async run(env) {
      await withConfigurator(env, { path: `/index.html#${paddedHash(12034)}` }, async ({ page, errors }) => {
        const message = await waitForMessage(page, 'state: 12,034 characters, the limit is 8,192');
        assert.match(message, /previous one is kept/);
        assert.doesNotMatch(await call(page, 'getState'), /mtm=/, 'nothing of the over-long link was applied');
        await assertStillWorks(page);
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a link exactly at the limit opens; an over-long one arriving later keeps the configuration',
    async run(env) {
      await withConfigurator(env, { path: `/index.html#${paddedHash(8192)}` }, async ({ page, errors }) => {
        assert.match(await call(page, 'getState'), /mtm=21JK/, 'the 8,192-character link was applied');
        await call(page, 'configure', [DEVICE]);
        await waitFrames(page, 2);
        const before = await call(page, 'getState');
        // A hand-edited address (hashchange) with one character too many.
        await page.evaluate((hash) => { location.hash = hash; }, paddedHash(8193));
        await waitForMessage(page, 'state: 8,193 characters, the limit is 8,192');
        assert.equal(await call(page, 'getState'), before, 'the configuration on screen was kept');
        // setState() answers the same, by name and limit.
        const result = await call(page, 'setState', [paddedHash(9000)]);
        assert.deepEqual(result, { ok: false, errors: [{ where: '#', message: 'state: 9,000 characters, the limit is 8,192' }] });
        assert.equal(await call(page, 'getState'), before);
        await clickWidget(page, 'Dismiss');
        assert.ok(!(await messages(page)).some((m) => m.includes('characters, the limit is')));
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a link with a broken %-escape, a raw "%" and an encoded "&" is read by the app, not by the browser',
    async run(env) {
      // decodeURIComponent would throw on "%E0%A4%A" and split "A%26B" in two.
      await withConfigurator(env, { path: '/index.html#mtm=21HD%E0%A4%A&ship=2025-01-15' }, async ({ page, errors }) => {
        await waitForMessage(page, 'mtm: bad percent-encoding "%A", expected % and two hex digits');
        const good = await call(page, 'setState', ['mtm=21HD&sn=A%26B%25C&ship=2025-01-15']);
        assert.equal(good.ok, true, JSON.stringify(good));
        await waitFrames(page, 2);
        assert.equal((await call(page, 'eligibility')).device.serial, 'A&B%C');
        assert.match(new URL(page.url()).hash, /sn=A%26B%25C/, 'the page writes the escaped form back');
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'configure() refuses a request over 16 MB, nested too deep or with over 100 services, and keeps the configuration',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {
        await call(page, 'configure', [DEVICE]);
        await waitFrames(page, 2);
        const before = await call(page, 'getState');
        const answers = await page.evaluate(() => {
          const configurator = document.querySelector('#apos-canvas').configurator;
          const request = '{"as_of": "2026-11-26", "device": {"mtm": "20XW", "ship_date": "2026-10-01"}}';
          return {
            atLimit: configurator.configure(request + ' '.repeat(16 * 1024 * 1024 - request.length)),
            over: configurator.configure(request + ' '.repeat(16 * 1024 * 1024 + 1 - request.length)),
            deep: configurator.configure('{"device": ' + '['.repeat(100000) + ']'.repeat(100000) + '}'),
            // More services than a link carries (the state string reads at most 100 back).
            services: configurator.configure({ ...JSON.parse(request),
              services: Array.from({ length: 101 }, (_, i) => ({ id: `svc-${i}`, term_years: 1 })) }),
          };
        });
        assert.equal(answers.over.ok, false);
        assert.deepEqual(answers.over.errors, [{ where: '/', message: 'the input has 16777217 bytes; the limit is 16777216 bytes' }]);
        assert.equal(answers.deep.ok, false);
        assert.match(answers.deep.errors[0].message, /nested deeper than 512 levels/);
        assert.deepEqual(answers.services.errors, [{ where: '/items/0/services', message: 'at most 100 services in the configurator' }]);
        assert.equal(answers.atLimit.ok, true, JSON.stringify(answers.atLimit));
        await waitFrames(page, 2);
        assert.match(await call(page, 'getState'), /mtm=20XW/, 'the request at the limit was applied');
        assert.notEqual(await call(page, 'getState'), before);
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a catalog file over 64 MB is refused by name and size; the page shows it and keeps running',
    async run(env) {
      await withConfigurator(env, { path: '/__tests__/bare.html', canvases: [] }, async ({ page, errors }) => {
        const catalogErrors = await page.evaluate(async () => {
          const names = ['policy.json', 'machine_types.json', 'offerings.json', 'programs.json', 'recommendations.json'];
          const catalog = {};
          for (const name of names) catalog[name] = await (await fetch(`/catalog/${name}`)).text();
          // One byte over, counted in UTF-8 as the core counts (the sample policy has non-ASCII text).
          const bytes = new TextEncoder().encode(catalog['policy.json']).length;
          catalog['policy.json'] += ' '.repeat(64 * 1024 * 1024 + 1 - bytes);
          const canvas = document.getElementById('apos-canvas');
          canvas.configurator = await createConfigurator({ canvas, catalog, fontUrl: '/font/apos-sans.ttf' });
          return canvas.configurator.catalogErrors();
        });
        assert.deepEqual(catalogErrors, [
          { file: 'policy.json', path: '', line: 0, message: 'the file has 67108865 bytes; the limit is 67108864 bytes' },
        ]);
        await waitForConfigurator(page);
        const frames = await call(page, 'frameCount');
        await waitFrames(page, 3);
        assert.ok((await call(page, 'frameCount')) > frames, 'the page still draws');
        assert.equal((await call(page, 'eligibility')).error.field, 'catalog');
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'the Quantity field keeps to 1-1,000,000, the range a link reads back',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {
        await call(page, 'configure', [{ ...DEVICE, device: { ...DEVICE.device, quantity: 1000000 } }]);
        await waitFrames(page, 2);
        // The quantity field's "+" (its input has no label of its own), in the device panel.
        const plus = (await call(page, 'widgets')).find((w) => w.label === '+' && w.window.includes('left'));
        assert.ok(plus, 'no "+" beside the quantity');
        const box = await page.locator('#apos-canvas').boundingBox();
        await page.mouse.move(box.x + plus.x + plus.w / 2, box.y + plus.y + plus.h / 2);
        await waitFrames(page, 2);
        await page.mouse.down();
        await waitFrames(page, 2);
        await page.mouse.up();
        await waitFrames(page, 3);
        const state = await call(page, 'getState');
        assert.match(state, /(^|&)qty=1000000(&|$)/, `state is "${state}"`);
        assert.equal((await call(page, 'setState', [state])).ok, true, 'the page reads its own link back');
        assertNoErrors(errors);
      });
    },
  },
  {
    name: 'a file that cannot be read as a fleet says why in the fleet view',
    async run(env) {
      await withConfigurator(env, {}, async ({ page, errors }) => {
        await page.evaluate(() => document.querySelector('#apos-canvas').configurator.loadFleet('hello\nworld\n', 'notes.csv'));
        await page.waitForFunction(() => document.querySelector('#apos-canvas').configurator.fleetSummary().stage === 'failed');
        await waitFrames(page, 3);
        await waitForMessage(page, 'The file could not be read as a fleet CSV: no column for ship_date');
        assertNoErrors(errors);
      });
    },
  },
];
