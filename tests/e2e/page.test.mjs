// End to end: the release bundle in `dist/`, served on 127.0.0.1 and driven
// in Debian's headless Chromium with playwright-core. Runs SQL through the
// page, checks the rendered rows, errors, that typed text never becomes
// HTML, and that cancelling an endless statement leaves the page usable.
// Any console error fails the test. Screenshots go to target/e2e/.
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

async function runSql(sql) {
  await page.locator('#sql').fill(sql);
  await page.locator('#run:not([disabled])').click();
}

async function waitForIdle() {
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
}

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(server.url);
  await waitForIdle();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the engine starts in a worker and says where the database lives', async () => {
  const badge = await page.locator('#storage').textContent();
  assert.match(badge, /OPFS|in memory/);
  // 127.0.0.1 is a secure context and the engine runs in a dedicated worker,
  // so Chromium gives it OPFS.
  assert.match(badge, /OPFS/);
});

test('a query through the page renders its rows', async () => {
  await runSql(
    "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL);\n" +
      "INSERT INTO users (username) VALUES ('admin'), ('张三'), ('<b>bold</b>');\n" +
      'SELECT id, username FROM users ORDER BY id;',
  );
  const table = page.locator('table.rows').last();
  await table.waitFor();
  assert.deepEqual(await table.locator('th').allTextContents(), ['id', 'username']);
  const cells = await table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)),
  );
  assert.deepEqual(cells, [
    ['1', 'admin'],
    ['2', '张三'],
    ['3', '<b>bold</b>'],
  ]);
  // What the user typed is text, never markup.
  assert.equal(await table.locator('b').count(), 0);
  assert.deepEqual(await page.locator('.changed').allTextContents(), ['OK', '3 row(s) affected']);
  await page.screenshot({ path: `${SHOTS}/page.png`, fullPage: true });
});

test('SQL that fails shows SQLite\'s message', async () => {
  await runSql('SELECT 1;\nSELEC 2;');
  const error = page.locator('#error');
  await error.waitFor();
  assert.equal(await error.locator('.error-message').textContent(), 'near "SELEC": syntax error');
  assert.match(await error.textContent(), /^OperationalError/);
});

test('Ctrl+Enter runs the editor', async () => {
  await page.locator('#sql').fill('SELECT 6 * 7 AS answer');
  await page.locator('#sql').press('Control+Enter');
  const cell = page.locator('table.rows td').first();
  await cell.waitFor();
  assert.equal(await cell.textContent(), '42');
});

test('an endless statement is cancelled and the page stays usable', async () => {
  await runSql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;');
  const cancel = page.locator('#cancel');
  await cancel.waitFor({ timeout: 10_000 });
  await cancel.click();
  assert.match(await page.locator('#notice').textContent(), /Cancelled/);
  await waitForIdle();
  // The restarted engine reopened the same OPFS database: the rows are there.
  await runSql('SELECT count(*) AS n FROM users');
  const cell = page.locator('table.rows td').first();
  await cell.waitFor();
  assert.equal(await cell.textContent(), '3');
  await page.screenshot({ path: `${SHOTS}/after-cancel.png`, fullPage: true });
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
