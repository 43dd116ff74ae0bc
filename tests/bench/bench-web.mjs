// `cargo xtask bench-web`: what the page costs to load, measured in Debian's
// headless Chromium against the release bundle served on 127.0.0.1.
//
// - the gzipped size (zlib level 9) of every file the page loads, and the total;
// - the median of 5 cold loads (a fresh browser profile each, cache disabled)
//   from navigation to the first result: the engine ready, the example run
//   (the page runs it on opening), its output rendered;
// - a blank page measured the same way in the same run: the floor.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve, CHROMIUM, BLANK_PAGE } from '../support/static-server.mjs';

const RUNS = 5;
const dist = process.argv[2] ?? 'dist';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function coldLoad(url, untilReady) {
  const browser = await chromium.launch(CHROMIUM); // a fresh, empty profile
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const loaded = new Set();
    page.on('requestfinished', (request) => loaded.add(new URL(request.url()).pathname));
    const start = performance.now();
    await page.goto(url);
    await untilReady(page);
    const ms = performance.now() - start;
    return { ms, loaded };
  } finally {
    await browser.close();
  }
}

// The page runs the first-visit example as soon as its engine is ready.
async function firstResult(page) {
  await page.locator('main[data-answered="1"] #output').waitFor({ timeout: 60_000 });
}

const server = await serve(dist);
try {
  const blank = [];
  const app = [];
  let files = new Set();
  for (let run = 0; run < RUNS; run += 1) {
    blank.push((await coldLoad(`${server.url}/__blank.html`, (p) => p.waitForLoadState('load'))).ms);
    const measured = await coldLoad(`${server.url}/`, firstResult);
    app.push(measured.ms);
    files = measured.loaded;
  }

  const rows = [];
  for (const path of [...files].sort()) {
    const body = path === '/' ? await readFile(join(dist, 'index.html')) : await readFile(join(dist, path));
    rows.push({ file: path === '/' ? '/index.html' : path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const kb = (n) => (n / 1024).toFixed(1);
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
  console.log('\n| file | raw KiB | gzip KiB |\n|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
  console.log(`| **total (${rows.length} files)** | **${kb(total.raw)}** | **${kb(total.gzip)}** |`);
  const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  const appMedian = median(app);
  const blankMedian = median(blank);
  console.log(`\n| cold load, ${RUNS} runs | median ms | runs (ms) |\n|---|---:|---|`);
  console.log(`| blank page (floor) | ${blankMedian.toFixed(0)} | ${fmt(blank)} |`);
  console.log(`| Retort: navigation → first result | ${appMedian.toFixed(0)} | ${fmt(app)} |`);
  console.log(`| ratio to the floor | ${(appMedian / blankMedian).toFixed(2)}× | |`);
  console.log(`\nblank page bytes: ${Buffer.byteLength(BLANK_PAGE)}`);
} finally {
  await server.close();
}
