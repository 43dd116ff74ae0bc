// End to end: Flask's request layer in the page, on the release bundle in
// `dist/` in Debian's headless Chromium. The layer is Python the engine
// worker fetches (`flask_web.py`) the first time a script reaches for it:
// opening the page and running the example never requests it; a script
// with routes and the test client does, once, and prints what Flask
// answers, with Flask's log of a failed request (stderr) in the output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from '../support/static-server.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;
let page;
const requested = [];
const consoleErrors = [];

const answered = () => page.locator('main').getAttribute('data-answered');

async function run(source) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(source);
  await page.locator('#tab-output').click();
  const previous = await answered();
  await page.locator('#run:not([disabled])').click();
  await page.waitForFunction((prev) => document.querySelector('main').dataset.answered !== prev, previous, {
    timeout: 30_000,
  });
}

const ROUTES = [
  'from flask import jsonify, request',
  '',
  'class Todo(db.Model):',
  '    id = db.Column(db.Integer, primary_key=True)',
  '    title = db.Column(db.String(80))',
  '',
  'db.create_all()',
  '',
  "@app.post('/todos')",
  'def add():',
  "    todo = Todo(title=request.json['title'])",
  '    db.session.add(todo)',
  '    db.session.commit()',
  "    return jsonify(id=todo.id, title=todo.title), 201",
  '',
  "@app.get('/boom')",
  'def boom():',
  '    return 1 / 0',
  '',
  'client = app.test_client()',
  "r = client.post('/todos', json={'title': '学习'})",
  'print(r.status_code, r.get_json())',
  "print(client.get('/boom').status_code)",
  "print(client.get('/nope').status)",
  '',
].join('\n');

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await serve('dist');
  browser = await chromium.launch(CHROMIUM);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(server.url);
  await page.locator('.cm-content').waitFor();
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('opening the page and running the example do not load the request layer', async () => {
  await run("print('models only')\n");
  assert.equal(await page.locator('#output').textContent(), 'models only\n');
  assert.ok(!requested.includes('/flask_web.py'), `requested: ${requested.join(', ')}`);
});

test('routes answer through the test client once the worker fetched the layer', async () => {
  await run(ROUTES);
  const output = await page.locator('#output').textContent();
  assert.match(output, /^201 \{'id': 1, 'title': '学习'\}\n/);
  assert.match(output, /ERROR in app: Exception on \/boom \[GET\]\nZeroDivisionError: division by zero\n500\n/);
  assert.match(output, /404 NOT FOUND\n$/);
  assert.equal(requested.filter((p) => p === '/flask_web.py').length, 1);
  await page.screenshot({ path: `${SHOTS}/flask-routes.png` });
  // A second run uses the layer the worker already has.
  await run(ROUTES);
  assert.match(await page.locator('#output').textContent(), /^201 /);
  assert.equal(requested.filter((p) => p === '/flask_web.py').length, 1);
  assert.deepEqual(consoleErrors, []);
});
