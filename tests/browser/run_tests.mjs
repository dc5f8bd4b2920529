// Browser test runner (plain node + assert): serves dist/, starts headless Chromium once and
// runs every test of cases/*.test.mjs. Each case file exports `tests = [{name, run(env)}]`;
// add a file there to add tests. env.attach(file) lists a file the test wrote (a screenshot)
// under its result line, passed or failed. Usage: node run_tests.mjs [name filter]. Exit 1 on failure.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.APOS_DIST ? resolve(process.env.APOS_DIST) : resolve(here, '../../dist');
const filter = process.argv[2] || '';
const TIMEOUT_MS = 60000;

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`no ${dist}/index.html: run ./wasm_build.sh first`);
  process.exit(2);
}

const server = await startServer({ '/': dist, '/__tests__/': join(here, 'pages') });
const browser = await launchBrowser();
const env = { origin: server.origin, dist, browser, distUrl: pathToFileURL(dist).href };

let failed = 0, passed = 0, known = 0;
const files = (await readdir(join(here, 'cases'))).filter((f) => f.endsWith('.test.mjs')).sort();
for (const file of files) {
  const { tests } = await import(pathToFileURL(join(here, 'cases', file)).href);
  for (const test of tests) {
    const name = `${file.replace('.test.mjs', '')}: ${test.name}`;
    if (!name.includes(filter)) continue;
    const started = Date.now();
    // Files a test leaves for a person (screenshots): listed under its result line.
    const attached = [];
    const attachments = () => attached.map((file) => `\n      attached: ${file}`).join('');
    try {
      let timer;
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS); });
      // A test may return 'skip' when something it needs is absent (it says what in its file).
      const result = await Promise.race([test.run({ ...env, attach: (file) => attached.push(file) }), timeout]).finally(() => clearTimeout(timer));
      if (result === 'skip') {
        console.log(`skip  ${name}`);
        continue;
      }
      if (test.knownFailure) {
        // A known failure that now passes must lose its mark, so that it guards from then on.
        failed++;
        console.log(`FAIL  ${name}\n      passes now: remove its knownFailure mark (${test.knownFailure})`);
        continue;
      }
      passed++;
      console.log(`ok    ${name} (${Date.now() - started} ms)${attachments()}`);
    } catch (error) {
      if (test.knownFailure) {
        // Still run and shown in full, but not counted against the suite: an open issue names it.
        known++;
        console.log(`KNOWN ${name}\n      ${test.knownFailure}\n      ${String(error && error.message || error).split('\n').slice(0, 6).join('\n      ')}${attachments()}`);
        continue;
      }
      failed++;
      console.log(`FAIL  ${name}\n      ${String(error && error.stack || error).split('\n').join('\n      ')}${attachments()}`);
    }
  }
}

await browser.close();
await server.close();
console.log(`\n${passed} passed, ${failed} failed${known ? `, ${known} known failures (open issues)` : ''}`);
process.exit(failed || passed === 0 ? 1 : 0);
