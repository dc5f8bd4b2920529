// What every case does around its checks, in one place: open a page with the configurator and
// close it again (withConfigurator), and act on it as a person does: keys held for a moment,
// a pause between keys, the pointer moved before it presses (ImGui must see it arrive first).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call, findWidget, openPage, waitForConfigurator, waitFrames } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** Screenshots and other files the tests leave for a person to look at. */
export const ARTIFACTS = process.env.APOS_BROWSER_ARTIFACTS || resolve(here, '../../../build/browser-artifacts');

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return resolve(ARTIFACTS, name);
}

/**
 * Opens `path` (default the host page) of the test server, or `url` when the page lives elsewhere
 * (file://), waits for the configurator on each of `canvases` (default the host page's canvas; []
 * when the case starts the configurator itself) and runs `body({page, errors, requests, context})`;
 * the page is closed whatever happens. Other options go on to openPage (viewport, initScript,
 * deviceScaleFactor).
 */
export async function withConfigurator({ browser, origin }, options, body) {
  const { path = '/index.html', url = `${origin}${path}`, canvases = ['#apos-canvas'], ...rest } = options || {};
  const opened = await openPage(browser, url, rest);
  try {
    for (const canvas of canvases) await waitForConfigurator(opened.page, canvas);
    return await body(opened);
  } finally {
    await opened.close();
  }
}

/** A short human pause: at least `frames` frames and `ms` milliseconds. */
export async function pause(page, ms = 80, frames = 1) {
  await Promise.all([page.waitForTimeout(ms), waitFrames(page, frames)]);
}

/** One key as a hand presses it: down, held for a frame, up, a pause. `key` may be "Shift+Tab". */
export async function pressKey(page, key) {
  const parts = key.split('+');
  const main = parts.pop();
  for (const modifier of parts) await page.keyboard.down(modifier);
  await page.keyboard.down(main);
  await pause(page, 60, 1);
  await page.keyboard.up(main);
  for (const modifier of parts.reverse()) await page.keyboard.up(modifier);
  await pause(page, 60, 1);
}

/** Types `text` one key at a time, at a typist's pace. */
export async function typeLikePerson(page, text) {
  for (const ch of text) await pressKey(page, ch === ' ' ? 'Space' : ch);
  await waitFrames(page, 2);
}

/** Moves to the widget, waits, presses, holds, releases: a click ImGui sees. */
export async function clickLikePerson(page, labelOrName) {
  const widget = await findWidget(page, labelOrName);
  await page.mouse.move(widget.pageX - 6, widget.pageY - 3);
  await pause(page, 40, 1);
  await page.mouse.move(widget.pageX, widget.pageY, { steps: 3 });
  await pause(page, 80, 2);
  await page.mouse.down();
  await pause(page, 90, 2);
  await page.mouse.up();
  await pause(page, 80, 2);
  return widget;
}

/** The widget a pattern names (label or full name), or undefined. */
export async function widgetMatching(page, pattern) {
  const widgets = await call(page, 'widgets');
  return widgets.find((w) => w.visible && (pattern.test(w.name) || pattern.test(w.label)));
}

/** The widget that has the keyboard focus (ImGui's navigation frame), or undefined. */
export async function focusedWidget(page) {
  return (await call(page, 'widgets')).find((w) => w.focused);
}

export function stateValue(state, key) {
  const match = new RegExp(`(?:^|&)${key}=([^&]*)`).exec(state);
  return match ? decodeURIComponent(match[1]) : undefined;
}

export const activeId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
