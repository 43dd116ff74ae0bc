// End to end: the release bundle in `dist/`, served on 127.0.0.1 and driven
// in Debian's headless Chromium with playwright-core. The playground page:
// the first-visit example's output, SQL and rows; statements tied to their
// source lines; stepping through the run; errors underlined and located;
// Stop; share links (and hostile ones); the language switch; the narrow
// layout. Any console error fails the test. Screenshots go to target/e2e/.
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

function watch(p) {
  p.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  p.on('pageerror', (error) => consoleErrors.push(String(error)));
  return p;
}

async function newPage(url = server.url, viewport = { width: 1280, height: 820 }) {
  const context = await browser.newContext({ viewport });
  const p = watch(await context.newPage());
  await p.goto(url);
  await p.locator('.cm-content').waitFor();
  await p.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  return p;
}

const answered = (p = page) => p.locator('main').getAttribute('data-answered');

async function waitForAnswer(previous, p = page) {
  await p.waitForFunction(
    (prev) => document.querySelector('main').dataset.answered !== prev,
    previous,
    { timeout: 30_000 },
  );
}

async function setScript(text, p = page) {
  await p.locator('.cm-content').click();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Delete');
  await p.keyboard.insertText(text);
}

async function editorText(p = page) {
  return p.locator('.cm-content .cm-line').evaluateAll((lines) => lines.map((l) => l.textContent).join('\n'));
}

async function run(source, p = page) {
  if (source !== undefined) await setScript(source, p);
  const previous = await answered(p);
  await p.locator('#run:not([disabled])').click();
  await waitForAnswer(previous, p);
}

const output = () => page.locator('#output').textContent();
const tab = (name) => page.locator(`#tab-${name}`).click();
const stepLabel = () => page.locator('#step-label').textContent();

// Steps back or forward until the timeline shows `line N`.
async function goToLine(line) {
  for (let i = 0; i < 30; i += 1) {
    const label = await stepLabel();
    const at = Number(/line (\d+)/.exec(label)?.[1] ?? 0);
    if (at === line) return;
    await page.locator(at > line || at === 0 ? '#step-back' : '#step-forward').click();
  }
  throw new Error(`no step at line ${line}: ${await stepLabel()}`);
}

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  page = await newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the engine starts in a worker and says where the database lives', async () => {
  // Runs use memory unless persistent mode is on; 127.0.0.1 is a secure
  // context and the engine runs in a dedicated worker, so Chromium gives it
  // OPFS for that mode.
  const badge = page.locator('#storage');
  await page.locator('#storage[data-place]').waitFor();
  assert.match(await badge.textContent(), /memory/);
  assert.equal(await badge.getAttribute('data-opfs'), 'true');
});

test('the first-visit example runs on opening and shows its output, SQL and rows', async () => {
  assert.match(await editorText(), /^class User\(db\.Model\):/);
  // Nobody pressed Run: the page showed the build's report of the example
  // at once, and the engine's own run of it, when it came, was the same.
  assert.equal(await answered(), '1');
  await page.locator('main[data-example="same"]').waitFor();
  assert.equal(await answered(), '1');
  assert.equal(await output(), '[<User admin>, <User 张三>]\nadmin root@example.com\n');
  await run();
  assert.equal(await output(), '[<User admin>, <User 张三>]\nadmin root@example.com\n');
  assert.equal(await page.locator('#python-error').count(), 0);

  await tab('sql');
  const sql = await page.locator('#sql-log .sql-text').allTextContents();
  assert.ok(sql.some((s) => s.startsWith('CREATE TABLE user')), sql.join('\n'));
  assert.ok(sql.includes('UPDATE user SET email=? WHERE user.id = ?'), sql.join('\n'));
  const params = await page.locator('#sql-log .sql-params').allTextContents();
  assert.ok(params.includes("('admin', 'admin@example.com')"), params.join('\n'));
  assert.ok(params.includes("('root@example.com', 1)"));
  // Badges, row counts and transactions.
  const update = page.locator('#sql-log .sql-entry', { hasText: 'UPDATE user SET email' });
  assert.equal(await update.locator('.badge.origin').textContent(), 'flush');
  assert.equal(await update.locator('.sql-rows').textContent(), '1 changed');
  assert.equal(await update.locator('.sql-meta').textContent(), 'line 20');
  assert.ok((await page.locator('#sql-log .tx.committed').count()) >= 2);
  assert.ok((await page.locator('#sql-log .badge.origin.ddl').count()) >= 1);
  await page.screenshot({ path: `${SHOTS}/example-sql.png` });

  await tab('tables');
  const rows = await page.locator('[data-table="user"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  assert.deepEqual(rows, [
    ['1', 'admin', 'root@example.com'],
    ['2', '张三', 'zhangsan@example.com'],
  ]);
  await page.screenshot({ path: `${SHOTS}/example-tables.png` });
});

test('clicking a statement highlights the line that caused it', async () => {
  await tab('sql');
  await page.locator('#sql-log .sql-entry', { hasText: 'UPDATE user SET email' }).click();
  const focused = page.locator('.cm-focus-line');
  await focused.waitFor();
  assert.equal(await focused.count(), 1);
  assert.equal(await focused.textContent(), 'db.session.commit()');
  assert.equal((await editorText()).split('\n')[19], 'db.session.commit()');
  // Clicking the gutter marker of a line lists only its statements.
  const marker = page.locator('.cm-sql-gutter .cm-gutterElement', { has: page.locator('.cm-sql-count') });
  assert.ok((await marker.count()) >= 3);
  await page.locator('.cm-sql-count').first().click();
  await page.locator('#sql-filter').waitFor();
  const lines = await page.locator('#sql-log .sql-entry .sql-meta').allTextContents();
  assert.ok(lines.length > 0);
  assert.equal(new Set(lines).size, 1, lines.join(', '));
  await page.screenshot({ path: `${SHOTS}/statement-line.png` });
  await page.locator('#sql-filter-clear').click();
  assert.equal(await page.locator('#sql-filter').count(), 0);
});

test('stepping backward and forward changes the Tables and Session panels', async () => {
  // The run ends on its last statement: line 21.
  assert.match(await stepLabel(), /line 21/);
  await goToLine(12);
  assert.equal(await page.locator('.cm-step-line').textContent(), "db.session.add(User(username='admin', email='admin@example.com'))");
  await tab('tables');
  assert.equal(await page.locator('[data-table="user"] tbody tr').count(), 0);
  await tab('session');
  assert.deepEqual(await page.locator('#session-objects .object').evaluateAll((os) => os.map((o) => o.dataset.status)), ['pending']);
  assert.equal(await page.locator('#session-objects .repr').first().textContent(), '<User admin>');
  await page.screenshot({ path: `${SHOTS}/step-pending.png` });

  await goToLine(14);
  assert.deepEqual(
    await page.locator('#session-objects .object').evaluateAll((os) => os.map((o) => o.dataset.status)),
    ['persistent', 'persistent'],
  );
  await tab('tables');
  assert.equal(await page.locator('[data-table="user"] tbody tr.inserted').count(), 2);
  // The SQL panel shows the statements up to this step, this step's marked.
  await tab('sql');
  const current = await page.locator('#sql-log .sql-entry.current .sql-text').allTextContents();
  assert.ok(current.some((s) => s.startsWith('INSERT INTO user')), current.join('\n'));
  assert.equal(await page.locator('#sql-log .sql-entry', { hasText: 'UPDATE user' }).count(), 0);

  // Forward to the update's commit: the changed cell is marked.
  await goToLine(20);
  await tab('tables');
  assert.equal(await page.locator('[data-table="user"] tbody tr.updated td.changed').textContent(), 'root@example.com');
  await page.screenshot({ path: `${SHOTS}/step-updated.png` });
  // Arrow keys move the slider.
  await page.locator('#step-slider').focus();
  await page.keyboard.press('ArrowLeft');
  assert.match(await stepLabel(), /line 19/);
  await tab('session');
  const change = await page.locator('#session-objects .change').textContent();
  assert.match(change, /email: 'admin@example.com' → 'root@example.com'/);
});

test('a syntax error is underlined and located', async () => {
  await run("print('a')\nx = = 2\n");
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-class').textContent(), 'SyntaxError');
  assert.equal(await error.locator('.error-head .line-link').textContent(), 'line 2');
  const underline = page.locator('.cm-lintRange-error');
  await underline.waitFor();
  assert.equal(await underline.textContent(), '=');
  await underline.hover();
  const tip = page.locator('.cm-tooltip-lint');
  await tip.waitFor();
  assert.match(await tip.textContent(), /SyntaxError: invalid syntax/);
  assert.equal(await page.locator('#timeline').count(), 0);
  await page.screenshot({ path: `${SHOTS}/syntax-error.png` });
});

test('a runtime error leaves the panels at the last good step and links its traceback', async () => {
  await run("x = 1\nprint('<b>x</b>', x)\nfoo(3)\n");
  assert.equal(await page.locator('#tab-output').getAttribute('aria-selected'), 'true');
  assert.match(await stepLabel(), /line 2/);
  assert.equal(await output(), '<b>x</b> 1\n');
  assert.equal(await page.locator('#output b').count(), 0);
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-message').textContent(), "name 'foo' is not defined");
  await error.locator('.traceback .line-link').click();
  assert.equal(await page.locator('.cm-focus-line').textContent(), 'foo(3)');
  assert.equal(await page.locator('.cm-lintRange-error').textContent(), 'foo(3)');
  await page.screenshot({ path: `${SHOTS}/runtime-error.png` });
});

test('a common error is explained in the learner\'s language', async () => {
  await run(
    'class User(db.Model):\n' +
      '    id = db.Column(db.Integer, primary_key=True)\n' +
      '    name = db.Column(db.String(20), unique=True)\n\n' +
      'db.create_all()\n' +
      "db.session.add(User(name='a'))\n" +
      "db.session.add(User(name='a'))\n" +
      'db.session.commit()\n',
  );
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-class').textContent(), 'IntegrityError');
  assert.match(await error.locator('.error-message').textContent(), /UNIQUE constraint failed: user\.name/);
  assert.match(await page.locator('#error-explain').textContent(), /breaks a constraint/);
  // The panels stay at the last good step: both objects pending.
  assert.match(await stepLabel(), /line 7/);
  await page.locator('#lang').selectOption('zh-CN');
  assert.match(await page.locator('#error-explain').textContent(), /违反了约束/);
  await page.screenshot({ path: `${SHOTS}/integrity-error-zh.png` });
  await page.locator('#lang').selectOption('en');
});

test('presentation mode enlarges editor and panels', async () => {
  const size = () => page.evaluate(() => getComputedStyle(document.querySelector('.cm-editor')).fontSize);
  assert.equal(await size(), '15px');
  await page.locator('#present').click();
  assert.equal(await page.locator('#present').getAttribute('aria-pressed'), 'true');
  assert.equal(await size(), '22px');
  await page.screenshot({ path: `${SHOTS}/present.png` });
  await page.locator('#present').click();
  assert.equal(await size(), '15px');
});

test('Ctrl+Enter runs the editor', async () => {
  await setScript('print(6 * 7)');
  const previous = await answered();
  await page.keyboard.press('Control+Enter');
  await waitForAnswer(previous);
  assert.equal(await output(), '42\n');
});

test('Stop ends an endless loop at once and the page still works', async () => {
  await setScript('while True:\n    pass\n');
  const previous = await answered();
  // The step budget ends this loop within a second or so: press Stop as
  // soon as the page says it runs, before the budget can.
  const started = Date.now();
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const main = document.querySelector('main');
        const observer = new MutationObserver(() => {
          if (main.dataset.running !== 'true') return;
          observer.disconnect();
          document.getElementById('stop').click();
          resolve();
        });
        observer.observe(main, { attributes: true });
        document.getElementById('run').click();
      }),
  );
  assert.match(await page.locator('#notice').textContent(), /Stopped/);
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  assert.ok(Date.now() - started < 10_000);
  // The stopped run never answered; the restarted engine runs the next one.
  assert.equal(await answered(), previous);
  await run("print('again')");
  assert.equal(await output(), 'again\n');
  await page.screenshot({ path: `${SHOTS}/after-stop.png` });
});

test('the step budget ends an endless loop by itself', async () => {
  await run("print('start')\nwhile True:\n    pass\n");
  const error = page.locator('#python-error');
  assert.equal(await error.locator('.error-class').textContent(), 'ExecutionLimitError');
  assert.equal(await error.locator('.error-head .line-link').textContent(), 'line 2');
  assert.equal(await output(), 'start\n');
});

test('a share link round-trips, and a hostile one opens as text or a message', async () => {
  const script = "# 分享 <img src=x onerror=alert(1)>\nprint('shared')\n";
  await setScript(script);
  await page.locator('#share').click();
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /#code=[A-Za-z0-9+$-]+&tab=[a-z]+(&step=\d+)?$/);
  await page.locator('#notice').waitFor();
  const opened = await newPage(link);
  assert.equal(await editorText(opened), script);
  assert.equal(await opened.locator('img').count(), 0);
  await run(undefined, opened);
  assert.equal(await opened.locator('#output').textContent(), 'shared\n');
  await opened.screenshot({ path: `${SHOTS}/shared.png` });
  await opened.context().close();

  const hostile = await newPage(`${server.url}/#code=<img src=x onerror="alert(1)">`);
  assert.match(await hostile.locator('#notice').textContent(), /could not be read/);
  assert.match(await editorText(hostile), /^class User/);
  assert.equal(await hostile.locator('img').count(), 0);
  await hostile.screenshot({ path: `${SHOTS}/hostile-link.png` });
  await hostile.context().close();

  const huge = await newPage(`${server.url}/#code=${'A'.repeat(70_000)}`);
  assert.match(await huge.locator('#notice').textContent(), /too large/);
  await huge.context().close();
});

test('the editor keeps its text across a reload', async () => {
  await setScript("print('kept')");
  await page.reload();
  await page.locator('.cm-content').waitFor();
  assert.equal(await editorText(), "print('kept')");
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
});

test('the language switch changes the UI and is remembered', async () => {
  await page.locator('#lang').selectOption('zh-CN');
  assert.equal(await page.locator('#run').textContent(), '运行');
  assert.equal(await page.locator('#tab-tables').textContent(), '数据表');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await run("print('你好')");
  await page.screenshot({ path: `${SHOTS}/chinese.png` });
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#stop').textContent(), '停止');
  await page.locator('#lang').selectOption('en');
  assert.equal(await page.locator('#run').textContent(), 'Run');
});

test('on a narrow screen the editor sits above the panels', async () => {
  const narrow = await newPage(server.url, { width: 420, height: 900 });
  await run(undefined, narrow);
  const editor = await narrow.locator('#editor').boundingBox();
  const panels = await narrow.locator('.panels').boundingBox();
  assert.ok(panels.y >= editor.y + editor.height, JSON.stringify({ editor, panels }));
  await narrow.screenshot({ path: `${SHOTS}/narrow.png`, fullPage: true });
  await narrow.context().close();
});

test('the split between editor and panels can be dragged', async () => {
  const splitter = page.locator('#splitter');
  const box = await splitter.boundingBox();
  const before = (await page.locator('#editor').boundingBox()).width;
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x - 200, box.y + 100, { steps: 5 });
  await page.mouse.up();
  const after = (await page.locator('#editor').boundingBox()).width;
  assert.ok(after < before - 100, `${before} → ${after}`);
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  assert.ok((await page.locator('#editor').boundingBox()).width > after);
});

test('the dark theme follows the system and keyboard focus is visible', async () => {
  const dark = await newPage(server.url);
  await dark.emulateMedia({ colorScheme: 'dark' });
  await run(undefined, dark);
  await dark.locator('#tab-sql').click();
  const background = await dark.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(22, 24, 29)');
  const editor = await dark.evaluate(() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor);
  assert.notEqual(editor, 'rgb(255, 255, 255)');
  // Tab from the language switch reaches Run, with a visible outline.
  await dark.locator('#lang').focus();
  await dark.keyboard.press('Tab');
  assert.equal(await dark.evaluate(() => document.activeElement.id), 'run');
  const outline = await dark.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await dark.screenshot({ path: `${SHOTS}/dark.png` });
  await dark.context().close();
});

test('the editor completes db., db.session. and query members and the script\'s names', async () => {
  await setScript('class Book(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n');
  await page.keyboard.type('db.session.com');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor();
  assert.ok((await options.allTextContents()).includes('commit'));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Book.query.filter_by(id=1).fi');
  await options.first().waitFor();
  assert.ok((await options.allTextContents()).includes('first'));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Boo');
  await options.first().waitFor();
  assert.ok((await options.allTextContents()).includes('Book'));
  await page.screenshot({ path: `${SHOTS}/completion.png` });
  await page.keyboard.press('Escape');
});

test('without the editor bundle the page says so instead of breaking', async () => {
  // Not watched for console errors: the blocked script is one.
  const context = await browser.newContext();
  await context.route('**/retort-editor.js', (route) => route.abort());
  const bare = await context.newPage();
  const errors = [];
  bare.on('pageerror', (error) => errors.push(String(error)));
  await bare.goto(server.url);
  await bare.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  const alert = bare.locator('.left .notice[role=alert]');
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.textContent(), /^The editor did not load: the editor did not load$/);
  // The script still shows, as text, and the example's answer with it.
  assert.match(await bare.locator('.editor-placeholder').textContent(), /class User\(db\.Model\):/);
  assert.match(await bare.locator('#output').textContent(), /<User admin>/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
