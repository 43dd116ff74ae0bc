// End to end: the console under the editor and persistent mode, on the
// release bundle in `dist/` in Debian's headless Chromium. After the
// first-visit example runs, `User.query.count()` answers 2 and its SELECT
// joins the SQL panel; Up recalls earlier lines; an error does not end the
// console. With "Keep the database" on, rows survive a reload, and Reset
// empties the kept database. Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from '../support/static-server.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;
let context;
let page;
const consoleErrors = [];

const answered = () => page.locator('main').getAttribute('data-answered');

async function ready() {
  await page.locator('.cm-content').waitFor();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
}

async function setScript(text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function run(source) {
  if (source !== undefined) await setScript(source);
  await page.locator('#tab-output').click();
  const previous = await answered();
  await page.locator('#run:not([disabled])').click();
  await page.waitForFunction((prev) => document.querySelector('main').dataset.answered !== prev, previous, {
    timeout: 30_000,
  });
}

// Types a console line and waits for its answer.
async function typeLine(line) {
  const count = await page.locator('#console-log .console-entry:not(.pending), #console-log .console-note').count();
  await page.locator('#console-input').fill(line);
  await page.locator('#console-input').press('Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('#console-log .console-entry:not(.pending), #console-log .console-note').length > n,
    count,
    { timeout: 30_000 },
  );
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
}

const lastEntry = () => page.locator('#console-log .console-entry').last();

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(server.url);
  await ready();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('before a run the console says to run first', async () => {
  // The first-visit example runs on opening; a script of the learner's
  // own waits for Run.
  const own = await browser.newContext();
  await own.addInitScript(() => localStorage.setItem('retort.script', "print('mine')\n"));
  const mine = await own.newPage();
  await mine.goto(server.url);
  await mine.locator('.cm-content').waitFor();
  await mine.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  assert.equal(await mine.locator('main').getAttribute('data-answered'), '0');
  await mine.locator('#console-input').fill('1 + 1');
  await mine.locator('#console-input').press('Enter');
  assert.match(await mine.locator('#console-log .console-note').last().textContent(), /Run the script first/);
  await own.close();
});

test('the console answers in the namespace the example left behind, with its SQL in the panel', async () => {
  // The example ran on opening: the console answers at once.
  await typeLine('User.query.count()');
  assert.equal(await lastEntry().locator('.console-echo').textContent(), '2');
  await run();
  assert.equal(await page.locator('#output').textContent(), '[<User admin>, <User 张三>]\nadmin root@example.com\n');
  await typeLine('User.query.count()');
  assert.equal(await lastEntry().locator('.console-in').textContent(), '>>> User.query.count()');
  assert.equal(await lastEntry().locator('.console-echo').textContent(), '2');
  assert.match(await page.locator('#step-label').textContent(), /console \[1\]/);
  await page.locator('#tab-sql').click();
  const current = page.locator('#sql-log .sql-entry.current', { hasText: 'SELECT count(*)' });
  assert.equal(await current.count(), 1);
  assert.equal(await current.locator('.sql-meta').textContent(), 'console [1]');
  await page.screenshot({ path: `${SHOTS}/console-count.png` });

  // The script's objects are there; None echoes nothing; print prints.
  await typeLine('admin');
  assert.equal(await lastEntry().locator('.console-echo').textContent(), '<User admin>');
  await typeLine("admin.email = 'new@example.com'");
  assert.equal(await lastEntry().locator('.console-echo').count(), 0);
  await typeLine('db.session.commit()');
  await typeLine('for u in User.query.all(): print(u.username, u.email)');
  assert.equal(await lastEntry().locator('.console-out').textContent(), 'admin new@example.com\n张三 zhangsan@example.com');
  await page.locator('#tab-tables').click();
  assert.equal(await page.locator('[data-table="user"] tbody tr').first().locator('td').nth(2).textContent(), 'new@example.com');

  // An error prints its traceback and the console lives on.
  await typeLine('User.query.get(1).nope');
  assert.match(await lastEntry().locator('.console-error').textContent(), /AttributeError/);
  await typeLine('<b>x</b>');
  assert.match(await lastEntry().locator('.console-error').textContent(), /SyntaxError/);
  assert.equal(await page.locator('#console-log b').count(), 0);
  await typeLine('User.query.count()');
  assert.equal(await lastEntry().locator('.console-echo').textContent(), '2');
  await page.screenshot({ path: `${SHOTS}/console-session.png` });
});

test('Up and Down recall earlier lines', async () => {
  const input = page.locator('#console-input');
  await input.fill('draft');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'User.query.count()');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), '<b>x</b>');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), 'draft');
  await input.fill('');
});

test('persistent mode keeps the rows across a reload, and Reset empties it', async () => {
  await page.locator('#keep').check();
  await page.locator('#storage[data-place="kept"]').waitFor();
  assert.match(await page.locator('#storage').textContent(), /OPFS \(kept\)/);
  await page.locator('#db-reset').click();
  await page.locator('#db-note').waitFor();
  await run(
    'class Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.String(40))\n\n' +
      'db.create_all()\n' +
      "db.session.add(Note(text='kept'))\n" +
      'db.session.commit()\n' +
      'print(Note.query.count())\n',
  );
  assert.equal(await page.locator('#output').textContent(), '1\n');
  await page.reload();
  await ready();
  await page.locator('#storage[data-place="kept"]').waitFor();
  assert.equal(await page.locator('#keep').isChecked(), true);
  const query =
    'class Note(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.String(40))\n\n' +
    'db.create_all()\n' +
    'print([n.text for n in Note.query.all()])\n';
  await run(query);
  await page.locator('#tab-output').click();
  assert.equal(await page.locator('#output').textContent(), "['kept']\n");
  await page.locator('#tab-sql').click();
  const sql = await page.locator('#sql-log .sql-text').allTextContents();
  assert.ok(!sql.some((s) => s.startsWith('CREATE TABLE')), sql.join('\n'));
  await page.screenshot({ path: `${SHOTS}/persistent-reload.png` });

  // Export downloads the kept file; a file that is not SQLite is refused.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#db-export').click()]);
  assert.equal(download.suggestedFilename(), 'retort.sqlite');
  const exported = await readFile(await download.path());
  assert.equal(exported.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  await page.locator('#db-import').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('<b>hello</b>') });
  await page.locator('#db-note', { hasText: 'notes.txt' }).waitFor();
  assert.match(await page.locator('#db-note').textContent(), /is not an SQLite database/);

  await page.locator('#db-reset').click();
  await page.locator('#db-note', { hasText: 'empty' }).waitFor();
  assert.match(await page.locator('#db-note').textContent(), /empty/);
  await run(query);
  await page.locator('#tab-output').click();
  assert.equal(await page.locator('#output').textContent(), '[]\n');

  // Importing the exported file brings the row back.
  await page.locator('#db-import').setInputFiles({ name: 'retort.sqlite', mimeType: 'application/octet-stream', buffer: exported });
  await page.locator('#db-note', { hasText: 'Imported' }).waitFor();
  await run(query);
  await page.locator('#tab-output').click();
  assert.equal(await page.locator('#output').textContent(), "['kept']\n");
  await page.screenshot({ path: `${SHOTS}/persistent-import.png` });
  await page.locator('#keep').uncheck();
  await page.locator('#storage[data-place="memory"]').waitFor();
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
