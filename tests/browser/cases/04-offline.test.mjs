// The single-file offline page works from file:// with no server.
import assert from 'node:assert/strict';
import { assertCanvasNotBlank, assertNoErrors, call } from '../lib/browser.mjs';
import { withConfigurator } from '../lib/person.mjs';

export const tests = [
  {
    name: 'dist/offline/apos-configurator.html runs from file://',
    async run(env) {
      const url = `${env.distUrl}/offline/apos-configurator.html`;
      await withConfigurator(env, { url }, async ({ page, requests, errors }) => {
        assert.deepEqual(await call(page, 'catalogErrors'), []);
        await assertCanvasNotBlank(page);
        await call(page, 'configure', [{ as_of: '2025-06-01', device: { mtm: '21HD', ship_date: '2025-01-15' } }]);
        assert.equal((await call(page, 'eligibility')).device.mt, '21HD');
        // Only the file itself (and the wasm's own data: URL) was loaded.
        const other = requests.filter((r) => r !== url && !r.startsWith('data:'));
        assert.deepEqual(other, []);
        assertNoErrors(errors);
      });
    },
  },
];
