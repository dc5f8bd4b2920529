// Headless Chromium (Debian's /usr/bin/chromium through playwright-core) and the helpers the
// test cases share: open a page while recording its requests and errors, wait for frames,
// click an ImGui widget by label, check that a canvas shows something.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { colorStats, decodePng } from './png.mjs';

// Verified on this machine (TOOLCHAIN.md); WebGL 2 renders through SwiftShader. Playwright
// adds --headless and a fresh profile folder itself.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Opens `url` in a new context. Returns {page, context, requests, errors, close()}:
 * `requests` lists every URL the page asked for, `errors` the console errors, page errors and
 * CSP violations seen so far. `initScript` (a function) runs in the page before its own scripts.
 */
export async function openPage(browser, url, { deviceScaleFactor = 1, viewport = { width: 1400, height: 900 }, initScript } = {}) {
  const context = await browser.newContext({ deviceScaleFactor, viewport });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  await page.goto(url);
  return { page, context, requests, errors, close: () => context.close() };
}

/** Waits until the configurator on `canvasSelector` exists and has drawn `frames` frames. */
export async function waitForConfigurator(page, canvasSelector = '#apos-canvas', frames = 3) {
  await page.waitForFunction(
    ([selector, count]) => {
      const c = document.querySelector(selector);
      return c && c.configurator && c.configurator.frameCount() >= count;
    },
    [canvasSelector, frames],
    { timeout: 30000 },
  );
}

/** Calls `method(...args)` on the configurator of `canvasSelector` inside the page. */
export async function call(page, method, args = [], canvasSelector = '#apos-canvas') {
  return page.evaluate(
    ([selector, name, list]) => document.querySelector(selector).configurator[name](...list),
    [canvasSelector, method, args],
  );
}

/** Lets ImGui see `count` more frames (it reacts to input one frame later). */
export async function waitFrames(page, count = 2, canvasSelector = '#apos-canvas') {
  const start = await call(page, 'frameCount', [], canvasSelector);
  await page.waitForFunction(
    ([selector, target]) => document.querySelector(selector).configurator.frameCount() >= target,
    [canvasSelector, start + count],
  );
}

/** The widget whose label (or full ImGui name) is `label`, with its centre in page coordinates. */
export async function findWidget(page, label, canvasSelector = '#apos-canvas') {
  const found = await page.evaluate(
    ([selector, wanted]) => {
      const canvas = document.querySelector(selector);
      const box = canvas.getBoundingClientRect();
      const widget = canvas.configurator.widgets().find((w) => w.visible && (w.label === wanted || w.name === wanted));
      return widget && { ...widget, pageX: box.left + widget.x + widget.w / 2, pageY: box.top + widget.y + widget.h / 2 };
    },
    [canvasSelector, label],
  );
  assert.ok(found, `no visible widget labelled "${label}"`);
  return found;
}

/** Clicks a widget the way ImGui needs it: move, wait a frame, press, wait, release, wait. */
export async function clickWidget(page, label, canvasSelector = '#apos-canvas') {
  const widget = await findWidget(page, label, canvasSelector);
  await page.mouse.move(widget.pageX, widget.pageY);
  await waitFrames(page, 2, canvasSelector);
  await page.mouse.down();
  await waitFrames(page, 2, canvasSelector);
  await page.mouse.up();
  await waitFrames(page, 2, canvasSelector);
  return widget;
}

/** Asserts the canvas shows a UI: several colours, not one flat fill. */
export async function assertCanvasNotBlank(page, canvasSelector = '#apos-canvas') {
  const image = decodePng(await page.locator(canvasSelector).screenshot());
  const stats = colorStats(image);
  assert.ok(stats.colors >= 8 && stats.dominantShare < 0.995,
    `canvas ${canvasSelector} looks blank: ${stats.colors} colours, ${(stats.dominantShare * 100).toFixed(2)}% one colour`);
  return stats;
}

/** Asserts every request stayed on `origin` (or inside the page itself: data:, blob:). */
export function assertSameOrigin(requests, origin) {
  const outside = requests.filter((url) => !url.startsWith(origin + '/') && !/^(data|blob):/.test(url));
  assert.deepEqual(outside, [], 'requests left the origin');
}

export function assertNoErrors(errors) {
  assert.deepEqual(errors, [], 'console errors, page errors or CSP violations');
}

/**
 * Scrolls with the mouse wheel over the ImGui window whose name contains `windowPart` until the
 * widget `label` (label or full name) is wholly visible (`whole`: its centre can be clicked). ImGui only reports items inside their
 * window's clip rectangle, so a row further down a list has to be scrolled to first.
 */
export async function scrollToWidget(page, label, windowPart, canvasSelector = '#apos-canvas', steps = 30) {
  // Down first, then back up: the row may sit above the current scroll position.
  for (let step = 0; step < steps * 2; step++) {
    const found = await page.evaluate(
      ([selector, wanted, part]) => {
        const canvas = document.querySelector(selector);
        const box = canvas.getBoundingClientRect();
        const widgets = canvas.configurator.widgets();
        const target = widgets.find((w) => w.whole && (w.label === wanted || w.name === wanted));
        if (target) return { done: true };
        // A wholly visible item: the pointer must be over the list itself, not the edge above it.
        const inside = widgets.filter((w) => w.window.includes(part));
        const anchor = inside.find((w) => w.whole) || inside.find((w) => w.visible);
        return anchor && { done: false, x: box.left + anchor.x + anchor.w / 2, y: box.top + anchor.y + anchor.h / 2 };
      },
      [canvasSelector, label, windowPart],
    );
    assert.ok(found, `nothing visible in a window named like "${windowPart}" to scroll over`);
    if (found.done) return findWidget(page, label, canvasSelector);
    await page.mouse.move(found.x, found.y);
    await waitFrames(page, 1, canvasSelector);
    await page.mouse.wheel(0, step < steps ? 80 : -80);
    await waitFrames(page, 2, canvasSelector);
  }
  throw new Error(`"${label}" did not come into view after scrolling "${windowPart}"`);
}
