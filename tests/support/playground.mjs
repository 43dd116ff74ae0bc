// What the end-to-end tests do to the playground page: open it with its
// console errors collected, replace the editor's text, and run a script
// until the page shows the answer (`main[data-answered]` changes).

// Opens `url` in a fresh 1280×820 context of `browser`, collecting console
// and page errors into `errors`, and waits until Run can be pressed.
export async function openPlayground(browser, url, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.locator('#run:not([disabled])').waitFor({ timeout: 30_000 });
  return page;
}

// Replaces the editor's whole text with `text`, as typing would.
export async function setScript(page, text) {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

// Presses Run (after setting `source`, when given) and waits for the answer.
export async function runScript(page, source) {
  if (source !== undefined) await setScript(page, source);
  const previous = await page.locator('main').getAttribute('data-answered');
  await page.locator('#run:not([disabled])').click();
  await page.waitForFunction(
    (prev) => document.querySelector('main').dataset.answered !== prev,
    previous,
    { timeout: 30_000 },
  );
}
