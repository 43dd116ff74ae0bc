// End to end: the release bundle in `dist/`, served on 127.0.0.1 and driven
// in Debian's headless Chromium with playwright-core. Runs the default
// Python example and other scripts through the page (output, SQL log,
// errors with their line, the step budget ending an endless loop), runs SQL
// (rows, errors), checks that typed text never becomes HTML, and that
// cancelling an endless statement leaves the page usable.
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

async function answered() {
  return page.locator('main').getAttribute('data-answered');
}

// Waits until the page shows the answer to a request after `before`.
async function waitForAnswer(before) {
  await page.waitForFunction(
    (previous) => document.querySelector('main').dataset.answered !== previous,
    before,
    { timeout: 30_000 },
  );
}

async function runSql(sql) {
  await page.locator('#mode-sql').click();
  await page.locator('#sql').fill(sql);
  await page.locator('#run:not([disabled])').click();
}

async function runPython(source) {
  await page.locator('#mode-python').click();
  if (source !== undefined) await page.locator('#python').fill(source);
  const before = await answered();
  await page.locator('#run:not([disabled])').click();
  await waitForAnswer(before);
}

async function pythonOutput() {
  return page.locator('#output').textContent();
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

test('the default Python example runs and shows its output and SQL', async () => {
  await runPython();
  assert.equal(
    await pythonOutput(),
    '[<User admin>, <User 张三>]\nadmin root@example.com\n',
  );
  assert.equal(await page.locator('#python-error').count(), 0);
  const sql = await page.locator('#sql-log .sql-text').allTextContents();
  assert.ok(sql.some((s) => s.startsWith('CREATE TABLE user')), sql.join('\n'));
  assert.ok(sql.includes('UPDATE user SET email=? WHERE user.id = ?'));
  const params = await page.locator('#sql-log .sql-params').allTextContents();
  assert.ok(params.includes("('admin', 'admin@example.com')"), params.join('\n'));
  assert.ok(params.includes("('root@example.com', 1)"));
  const meta = await page.locator('#sql-log .sql-meta').allTextContents();
  assert.ok(meta.includes('flush · line 14'), meta.join('\n'));
  await page.screenshot({ path: `${SHOTS}/python.png`, fullPage: true });
});

test('a Python run starts from a fresh database each time', async () => {
  await runPython();
  assert.match(await pythonOutput(), /^\[<User admin>, <User 张三>\]/);
  assert.equal(await page.locator('#python-error').count(), 0);
});

test('an endless Python loop ends with ExecutionLimitError and the page stays usable', async () => {
  const started = Date.now();
  await runPython("print('start')\nwhile True:\n    pass\n");
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-class').textContent(), 'ExecutionLimitError');
  assert.match(await error.textContent(), /line 2/);
  assert.equal(await pythonOutput(), 'start\n');
  assert.ok(Date.now() - started < 30_000);
  // The page answered while the worker ran: it can run again.
  await runPython("print('again')");
  assert.equal(await pythonOutput(), 'again\n');
});

test('a Python syntax error shows its line', async () => {
  await runPython("print('a')\nx = = 2\n");
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-class').textContent(), 'SyntaxError');
  assert.equal(await error.locator('.error-line').textContent(), ' (line 2)');
  assert.equal(await pythonOutput(), '');
});

test('what a script prints is text, never markup', async () => {
  await runPython("print('<b>html</b>')\nraise ValueError('<i>no</i>')\n");
  assert.equal(await pythonOutput(), '<b>html</b>\n');
  assert.equal(await page.locator('#output b').count(), 0);
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-message').textContent(), '<i>no</i>');
  assert.equal(await error.locator('i').count(), 0);
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
  await page.locator('#mode-python').click();
  await page.locator('#python').fill('print(6 * 7)');
  const before = await answered();
  await page.locator('#python').press('Control+Enter');
  await waitForAnswer(before);
  assert.equal(await pythonOutput(), '42\n');
  await page.locator('#mode-sql').click();
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
  const before = await answered();
  await runSql('SELECT count(*) AS n FROM users');
  await waitForAnswer(before);
  const cell = page.locator('table.rows td').first();
  await cell.waitFor();
  assert.equal(await cell.textContent(), '3');
  await page.screenshot({ path: `${SHOTS}/after-cancel.png`, fullPage: true });
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
