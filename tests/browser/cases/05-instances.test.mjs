// Two configurators on one page work independently (MODULARIZE: one WASM memory each).
import assert from 'node:assert/strict';
import { assertCanvasNotBlank, assertNoErrors, call, clickWidget, waitFrames } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'two instances on one page keep their own state, drawing and keyboard',
    async run(env) {
      const options = { path: '/__tests__/two-instances.html', canvases: ['#left', '#right'] };
      await withConfigurator(env, options, async ({ page, errors }) => {
        await call(page, 'configure', [{ as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15' } }], '#left');
        await waitFrames(page, 2, '#left');
        assert.match(await call(page, 'getState', [], '#left'), /mtm=21HD/);
        assert.doesNotMatch(await call(page, 'getState', [], '#right'), /mtm=/);
        // Keys typed into the right canvas reach only the right instance.
        await clickWidget(page, 'MTM', '#right');
        await page.keyboard.type('21HD');
        await waitFrames(page, 3, '#right');
        assert.match(await call(page, 'getState', [], '#right'), /mtm=21HD/);
        assert.equal((await call(page, 'eligibility', [], '#left')).as_of, '2025-06-01');
        assert.notEqual((await call(page, 'eligibility', [], '#right')).as_of, '2025-06-01');
        await assertCanvasNotBlank(page, '#left');
        await assertCanvasNotBlank(page, '#right');
        // Neither instance writes the page's hash unless asked to.
        assert.equal(new URL(page.url()).hash, '');
        assertNoErrors(errors);
      });
    },
  },
];
