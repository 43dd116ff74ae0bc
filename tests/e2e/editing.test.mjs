// End to end: what the page does while the learner types, before Run. The
// release bundle in `dist/`, served on 127.0.0.1 and driven in Debian's
// headless Chromium with playwright-core. A syntax error is underlined a
// moment after typing stops, with CPython's message on hover, without
// running anything; fixing it removes the underline. A share link made at
// a moment of a run opens on that moment and panel. Any console error
// fails the test. Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from '../support/static-server.mjs';
import { openPlayground, runScript, setScript } from '../support/playground.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;
let page;
const consoleErrors = [];

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  page = await openPlayground(browser, server.url, consoleErrors);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a syntax error is underlined while typing, before Run', async () => {
  const answered = await page.locator('main').getAttribute('data-answered');
  await setScript(page, "print('ok')\nif True\n    print('no colon')\n");
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
  await setScript(page, "print('ok')\nif True:\n    print('a colon')\n");
  await page.waitForFunction(() => document.querySelectorAll('.cm-lintRange-error').length === 0, null, {
    timeout: 5_000,
  });
  assert.equal(await page.locator('main').getAttribute('data-answered'), answered);
});

test('an indentation error is named as CPython names it', async () => {
  await setScript(page, 'def f():\nreturn 1\n');
  const underline = page.locator('.cm-lintRange-error');
  await underline.waitFor({ timeout: 5_000 });
  await underline.hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /^IndentationError: expected an indented block after function definition on line 1/);
});

test('a link shared from a step of a run opens at that step and tab', async () => {
  await runScript(
    page,
    'class Note(db.Model):\n' +
      '    id = db.Column(db.Integer, primary_key=True)\n' +
      '    text = db.Column(db.String(20))\n\n' +
      'db.create_all()\n' +
      "db.session.add(Note(text='a'))\n" +
      'db.session.commit()\n' +
      "print('done')\n",
  );
  await page.locator('#tab-tables').click();
  // Back to the step after create_all: the table exists, still empty.
  for (let i = 0; i < 10 && !/line 5\b/.test(await page.locator('#step-label').textContent()); i += 1) {
    await page.locator('#step-back').click();
  }
  await page.locator('#share').click();
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /#code=[A-Za-z0-9+$-]+&tab=tables&step=\d+$/);

  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const opened = await context.newPage();
  opened.on('pageerror', (error) => consoleErrors.push(String(error)));
  await opened.goto(link);
  // It runs by itself and shows the shared moment.
  await opened.locator('main[data-answered="1"]').waitFor({ timeout: 30_000 });
  assert.match(await opened.locator('#step-label').textContent(), /line 5\b/);
  assert.equal(await opened.locator('#tab-tables').getAttribute('aria-selected'), 'true');
  assert.match(await opened.locator('.db-table[data-table="note"]').textContent(), /0 rows/);
  await opened.screenshot({ path: `${SHOTS}/shared-view.png` });
  await context.close();
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
