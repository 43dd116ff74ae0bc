// End to end: what the page does while the learner types, before Run. The
// release bundle in `dist/`, served on 127.0.0.1 and driven in Debian's
// headless Chromium with playwright-core. A syntax error is underlined a
// moment after typing stops, with CPython's message on hover, without
// running anything; fixing it removes the underline. Any console error
// fails the test. Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from '../support/static-server.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;
let page;
const consoleErrors = [];

async function setScript(text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(server.url);
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a syntax error is underlined while typing, before Run', async () => {
  const answered = await page.locator('main').getAttribute('data-answered');
  await setScript("print('ok')\nif True\n    print('no colon')\n");
  const underline = page.locator('.cm-lintRange-error');
  await underline.waitFor({ timeout: 5_000 });
  assert.equal(await underline.count(), 1);
  await underline.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.equal(await tooltip.textContent(), "SyntaxError: expected ':'");
  // Nothing ran.
  assert.equal(await page.locator('main').getAttribute('data-answered'), answered);
  await page.screenshot({ path: `${SHOTS}/syntax-while-typing.png` });

  // Fixing it removes the underline, again without running.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await setScript("print('ok')\nif True:\n    print('a colon')\n");
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange-error').length === 0, null, {
    timeout: 5_000,
  });
  assert.equal(await page.locator('main').getAttribute('data-answered'), answered);
});

test('an indentation error is named as CPython names it', async () => {
  await setScript('def f():\nreturn 1\n');
  const underline = page.locator('.cm-lintRange-error');
  await underline.waitFor({ timeout: 5_000 });
  await underline.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /^IndentationError: expected an indented block after function definition on line 1/);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
