// Opens the sample app's page in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// for ZwsJsBrowserTest: the page must show live prices from the PUB socket, which it reads over ws:// with
// zws.js, and answer a quote asked through its REQ socket, of which it saves a screenshot.
//
//   node page-browser-driver.mjs <http base url> <screenshot path> [chromium path]
//
// It prints one JSON line per finding and exits 0 when the page did all that; otherwise it prints why to stderr
// (with the page's console messages) and exits 1. Every wait is bounded.
import { chromium } from 'playwright-core';

const WAIT_MS = 20000;
const SYMBOLS = ['ACME', 'GLOBEX', 'INITECH', 'UMBRELLA'];
const [baseUrl, screenshot, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'], timeout: WAIT_MS });
const consoleLines = [];
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  page.setDefaultTimeout(WAIT_MS);
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.goto(new URL('/', baseUrl).href);

  // Every symbol's row, then one of its prices changing: the prices are live, not a single snapshot.
  for (const symbol of SYMBOLS) {
    await page.locator(`#prices tr[data-symbol="${symbol}"] td.price`).waitFor();
  }
  const acme = page.locator('#prices tr[data-symbol="ACME"] td.price');
  const first = await acme.textContent();
  await page.waitForFunction(
    (before) => document.querySelector('#prices tr[data-symbol="ACME"] td.price').textContent !== before,
    first, { timeout: WAIT_MS });
  const prices = {};
  for (const symbol of SYMBOLS) {
    prices[symbol] = Number(await page.locator(`#prices tr[data-symbol="${symbol}"] td.price`).textContent());
  }
  console.log(JSON.stringify({ livePrices: prices, acmeMovedFrom: Number(first) }));
  console.log(JSON.stringify({ tickerStatus: await page.locator('#ticker-status').textContent() }));

  await page.locator('#quote-form input[name="symbol"]').fill('globex');
  await page.locator('#quote-form button').click();
  await page.waitForFunction(() => /^GLOBEX: \d+\.\d\d$/.test(document.getElementById('quote-answer').textContent));
  console.log(JSON.stringify({ quoteAnswer: await page.locator('#quote-answer').textContent() }));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ screenshot }));

  await page.locator('#quote-form input[name="symbol"]').fill('NOPE');
  await page.locator('#quote-form button').click();
  await page.waitForFunction(() => /unknown symbol/.test(document.getElementById('quote-answer').textContent));
  console.log(JSON.stringify({ unknownAnswer: await page.locator('#quote-answer').textContent() }));

} catch (error) {
  console.error(`${error.stack || error}\n--- the page's console\n${consoleLines.join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
