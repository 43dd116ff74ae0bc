// End to end: the Schema panel. The release bundle in `dist/`, served on
// 127.0.0.1 and driven in Debian's headless Chromium with playwright-core.
// A run that creates tables with foreign keys (one self-referential) shows
// them as an SVG diagram laid out by dagre and as their CREATE statements;
// stepping back before `create_all()` shows the declared tables as not yet
// created; a table name that looks like markup stays text. Any console
// error fails the test. The screenshot goes to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM } from '../support/static-server.mjs';
import { openPlayground, runScript } from '../support/playground.mjs';

const SHOTS = 'target/e2e';
let server;
let browser;
let page;
const consoleErrors = [];

const SCRIPT = `class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, unique=True)

class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'), index=True)

class Category(db.Model):
    __tablename__ = '<b>category</b>'
    id = db.Column(db.Integer, primary_key=True)
    parent_id = db.Column(db.Integer, db.ForeignKey('<b>category</b>.id'))

print('models defined')
db.create_all()
db.session.add(Author(name='Ann'))
db.session.commit()
`;

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

test('the Schema panel draws the tables, their keys and their DDL', async () => {
  await runScript(page, SCRIPT);
  await page.locator('#tab-schema').click();
  const diagram = page.locator('#schema-diagram');
  await diagram.waitFor();
  const tables = await diagram.locator('g.schema-node').evaluateAll((nodes) => nodes.map((n) => n.dataset.table));
  assert.deepEqual(tables.sort(), ['<b>category</b>', 'author', 'book']);

  // Book's foreign key is an arrow from book to author; the category tree
  // refers to itself with a loop.
  const edges = await diagram.locator('path.fk-edge').evaluateAll((paths) =>
    paths.map((p) => `${p.dataset.from ?? 'self'}>${p.dataset.to ?? ''}`),
  );
  assert.ok(edges.includes('book>author'), edges.join(' '));
  assert.equal(await diagram.locator('path.fk-edge.self').count(), 1);

  // Columns, types and key marks are SVG text.
  const book = diagram.locator('g.schema-node[data-table="book"]');
  assert.equal(await book.locator('.node-title').textContent(), 'book');
  const rows = await book.locator('g.schema-row').evaluateAll((rs) => rs.map((r) => r.textContent));
  assert.deepEqual(rows, ['PKidINTEGER', 'titleVARCHAR(200)', 'FKauthor_idINTEGER']);

  // The boxes do not overlap and lie inside the drawing.
  const boxes = await diagram.locator('rect.node-box').evaluateAll((rects) =>
    rects.map((r) => ({ x: +r.getAttribute('x'), y: +r.getAttribute('y'), w: +r.getAttribute('width'), h: +r.getAttribute('height') })),
  );
  const width = +(await diagram.getAttribute('width'));
  const height = +(await diagram.getAttribute('height'));
  for (const [i, a] of boxes.entries()) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.w <= width && a.y + a.h <= height, JSON.stringify(a));
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      assert.ok(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
    }
  }

  // The DDL, as SQLite holds it, with the index.
  const ddl = await page.locator('.ddl[data-table="book"] .sql-text').allTextContents();
  assert.match(ddl[0], /^CREATE TABLE book \(/);
  assert.match(ddl[0], /FOREIGN KEY\(author_id\) REFERENCES author \(id\)/);
  assert.equal(ddl[1], 'CREATE INDEX ix_book_author_id ON book (author_id)');

  // A name that looks like markup is text, not an element.
  assert.equal(await page.locator('#panel b').count(), 0);
  await page.screenshot({ path: `${SHOTS}/schema.png` });
});

test('before create_all the declared tables are listed as not created', async () => {
  // Step back to the print, before create_all().
  for (let i = 0; i < 10; i += 1) {
    const label = await page.locator('#step-label').textContent();
    if (/line 15\b/.test(label)) break;
    await page.locator('#step-back').click();
  }
  assert.match(await page.locator('#step-label').textContent(), /line 15\b/);
  assert.equal(await page.locator('#schema-diagram').count(), 0);
  const note = await page.locator('#not-created').textContent();
  assert.match(note, /author, <b>category<\/b>, book|author, book, <b>category<\/b>/);
  await page.locator('#step-forward').click();
  await page.locator('#schema-diagram').waitFor();
  assert.equal(await page.locator('#not-created').count(), 0);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
