// End to end: the Migrations view on the release bundle in `dist/`, in
// Debian's headless Chromium with playwright-core. A model typed in the
// editor becomes app.py; `flask db init`, `migrate -m "initial"`,
// `upgrade`; a new column in the model, `migrate -m "add age"` (the new
// revision script holds add_column), `upgrade` (the column appears),
// `downgrade` (it is gone) — the SQL each ran in the SQL panel, the rows
// in the Tables panel, which then show the project database. Completion, history, a classic mistake's
// explanation, an edited revision script run by the next upgrade, a
// rename explained, and `python app.py`.
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

const V1 = `class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
`;
const V2 = `${V1}    age = db.Column(db.Integer)
`;

async function setScript(text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

const runs = async () => Number(await page.locator('#migrations').getAttribute('data-runs'));

// Types a line in the terminal, presses Enter and waits for the answer;
// returns what the terminal printed for it.
async function command(line) {
  const previous = await runs();
  const input = page.locator('#mig-input');
  await input.fill(line);
  await input.press('Enter');
  await page.waitForFunction(
    (n) => Number(document.querySelector('#migrations')?.dataset.runs) > n,
    previous,
    { timeout: 60_000 },
  );
  const entry = page.locator('.mig-entry').last();
  assert.equal(await entry.locator('.mig-command').textContent(), `$ ${line}`);
  return (await entry.locator('.mig-out').count()) ? entry.locator('.mig-out').textContent() : '';
}

const columns = (table) =>
  page.locator(`#mig-schema [data-table="${table}"] .mig-column:not(.dropped)`).evaluateAll((items) =>
    items.map((li) => li.dataset.column),
  );

// Opens a panel on the project database from the Migrations view's
// button, reads it, optionally saves a screenshot, and goes back.
async function inPanel(button, read, shot) {
  await page.locator(button).click();
  await page.locator('#project-banner').waitFor();
  const value = await read();
  if (shot) await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  await page.locator('#tab-migrations').click();
  return value;
}
const sqlTexts = () => inPanel('#mig-open-sql', () => page.locator('#sql-log .sql-text').allTextContents());
const rowHeads = (table, shot) =>
  inPanel(
    '#mig-open-tables',
    () => page.locator(`section.db-table[data-table="${table}"] th`).allTextContents(),
    shot,
  );

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(server.url);
  await page.locator('.cm-content').waitFor();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a model migrates: init, migrate, upgrade, a new column, upgrade and downgrade', async () => {
  await setScript(V1);
  await page.locator('#tab-migrations').click();
  await page.locator('#mig-input').waitFor();

  const init = await command('flask db init');
  assert.match(init, /Creating directory \/app\/migrations \.\.\.  done/);
  assert.match(init, /Generating \/app\/migrations\/env\.py \.\.\.  done/);
  assert.ok((await page.locator('#mig-files button[data-path="migrations/env.py"]').count()) === 1);

  const initial = await command('flask db migrate -m "initial"');
  assert.match(initial, /Detected added table 'user'/);
  assert.equal(await page.locator('#mig-chain .mig-rev[data-revision]').count(), 1);

  const upgrade = await command('flask db upgrade');
  assert.match(upgrade, /Running upgrade  -> [0-9a-f]{12}, initial/);
  assert.equal(await page.locator('#mig-chain .mig-rev.current.head').count(), 1);
  assert.deepEqual(await columns('user'), ['id', 'name']);
  assert.equal(await page.locator('#mig-schema [data-table="user"].added').count(), 1);
  const sql = await sqlTexts();
  assert.ok(sql.some((s) => s.startsWith('CREATE TABLE user')), sql.join('\n'));
  assert.deepEqual(await rowHeads('user'), ['id', 'name']);

  // The model gets a column; autogenerate writes a revision with add_column.
  await setScript(V2);
  const addAge = await command('flask db migrate -m "add age"');
  assert.match(addAge, /Detected added column 'user\.age'/);
  const script = page.locator('#mig-files button[data-path$="_add_age.py"]');
  assert.equal(await script.count(), 1);
  await script.click();
  const text = await page.locator('#mig-file-text').inputValue();
  assert.match(text, /op\.add_column\(sa\.Column\('age', sa\.Integer\(\), nullable=True\)\)/);
  assert.match(text, /def downgrade\(\):/);
  assert.equal(await page.locator('#mig-chain .mig-rev[data-revision]').count(), 2);

  const up = await command('flask db upgrade');
  assert.match(up, /Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, add age/);
  assert.deepEqual(await columns('user'), ['id', 'name', 'age']);
  assert.equal(await page.locator('#mig-schema [data-column="age"].added').count(), 1);
  const upSql = await sqlTexts();
  assert.ok(upSql.includes('ALTER TABLE user ADD COLUMN age INTEGER'), upSql.join('\n'));
  assert.deepEqual(await rowHeads('user', 'migrations-upgrade-tables'), ['id', 'name', 'age']);
  // The timeline steps through the terminal's commands.
  assert.match(await page.locator('#step-label').textContent(), /\$ flask db upgrade/);
  await page.screenshot({ path: `${SHOTS}/migrations-upgrade.png` });

  const down = await command('flask db downgrade');
  assert.match(down, /Running downgrade [0-9a-f]{12} -> [0-9a-f]{12}, add age/);
  assert.deepEqual(await columns('user'), ['id', 'name']);
  assert.equal(await page.locator('#mig-schema [data-column="age"].dropped').count(), 1);
  assert.deepEqual(await rowHeads('user', 'migrations-downgrade-tables'), ['id', 'name']);
  const current = page.locator('#mig-chain .mig-rev.current');
  assert.match(await current.textContent(), /initial/);
  await page.screenshot({ path: `${SHOTS}/migrations-downgrade.png` });
});

test('the terminal completes, remembers and explains', async () => {
  const input = page.locator('#mig-input');
  await input.fill('flask db hi');
  await input.press('Tab');
  assert.equal(await input.inputValue(), 'flask db history ');
  await input.fill('');
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'flask db downgrade');

  const history = await command('flask db history');
  assert.match(history, /-> [0-9a-f]{12} \(head\), add age/);

  // migrate while the database is behind: Alembic's error and what it means.
  const behind = await command('flask db migrate');
  assert.match(behind, /Target database is not up to date\./);
  const note = page.locator('.mig-entry').last().locator('.mig-mistake');
  assert.match(await note.textContent(), /Run flask db upgrade first/);
  await page.locator('#lang').selectOption('zh-CN');
  assert.match(await note.textContent(), /请先运行 flask db upgrade/);
  await page.screenshot({ path: `${SHOTS}/migrations-mistake.png` });
  await page.locator('#lang').selectOption('en');
});

test('an edited revision script is what the next upgrade runs', async () => {
  const area = page.locator('#mig-file-text');
  const script = await area.inputValue();
  assert.match(script, /sa\.Column\('age'/);
  await area.fill(script.replace("sa.Column('age'", "sa.Column('years'"));
  const again = await command('flask db upgrade');
  assert.match(again, /Running upgrade [0-9a-f]{12} -> [0-9a-f]{12}, add age/);
  assert.deepEqual(await columns('user'), ['id', 'name', 'years']);
  assert.deepEqual(await rowHeads('user'), ['id', 'name', 'years']);
  await page.screenshot({ path: `${SHOTS}/migrations-edited.png` });
});

test('a rename seen as drop + add is explained; python app.py runs the script', async () => {
  // The model says `age`, the database (after the edited script) `years`.
  await setScript(V2);
  const renamed = await command('flask db migrate -m "rename"');
  assert.match(renamed, /Detected added column 'user\.age'/);
  assert.match(renamed, /Detected removed column 'user\.years'/);
  const note = page.locator('.mig-entry').last().locator('.mig-mistake');
  assert.match(await note.textContent(), /new_column_name='age'/);
  await setScript(`${V2}\nprint('hello from app.py')\n`);
  assert.equal(await command('python app.py'), 'hello from app.py\n');
  // A traceback's app.py line leads to the editor's line (below the wiring).
  await setScript(`${V2}\nprint(missing)\n`);
  const failed = await command('python app.py');
  assert.match(failed, /NameError: name 'missing' is not defined/);
  const link = page.locator('.mig-entry').last().locator('.trace-link');
  assert.equal(await link.getAttribute('data-line'), '6');
  await link.click();
  assert.equal(await page.locator('.cm-focus-line').textContent(), 'print(missing)');
  await setScript(V2);
  assert.deepEqual(consoleErrors, []);
});

test('the project survives a reload until it is reset', async () => {
  const revisions = await page.locator('#mig-chain .mig-rev[data-revision]').count();
  assert.ok(revisions >= 2);
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  await page.locator('#tab-migrations').click();
  // The last command's answer, the chain and the files are back.
  assert.equal(await runs(), 1);
  assert.equal(await page.locator('#mig-chain .mig-rev[data-revision]').count(), revisions);
  assert.equal(await page.locator('#mig-files button[data-path="migrations/env.py"]').count(), 1);
  await page.locator('#mig-input').press('ArrowUp');
  assert.equal(await page.locator('#mig-input').inputValue(), 'python app.py');
  // The database too: the next command works on it.
  const current = await command('flask db current');
  assert.match(current, /[0-9a-f]{12}/);

  await page.locator('#mig-reset').click();
  assert.equal(await runs(), 0);
  assert.equal(await page.locator('#mig-files button[data-path="migrations/env.py"]').count(), 0);
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  await page.locator('#tab-migrations').click();
  assert.equal(await runs(), 0);
  const fresh = await command('flask db upgrade');
  assert.match(fresh, /Path doesn't exist: .*Please use the 'init' command/);
  assert.deepEqual(consoleErrors, []);
});

test('a file the learner adds runs against the project database', async () => {
  await setScript(V1);
  await command('flask db init');
  await command('flask db migrate -m "initial"');
  await command('flask db upgrade');
  const name = page.locator('#mig-new-name');
  await name.fill('app.py');
  await page.locator('#mig-new-file').click();
  assert.match(await page.locator('#mig-new-problem').textContent(), /editor/);
  await name.fill('seed.py');
  await name.press('Enter');
  assert.equal(await page.locator('#mig-files button[data-path="seed.py"]').count(), 1);
  await page.locator('#mig-file-text').fill(
    "from app import app, db, User\n\nwith app.app_context():\n    db.session.add(User(name='lili'))\n    db.session.commit()\n    print(User.query.count())\n",
  );
  assert.equal(await command('python seed.py'), '1\n');
  const cells = await inPanel('#mig-open-tables', () =>
    page.locator('section.db-table[data-table="user"] td').allTextContents(),
  );
  assert.ok(cells.some((c) => c.includes('lili')), cells.join(' | '));
  const sql = await sqlTexts();
  assert.ok(sql.some((s) => s.startsWith('INSERT INTO user')), sql.join('\n'));
  assert.deepEqual(consoleErrors, []);
});
