/**
 * The console's weight and first load, printed (no assertion: figures to compare, issue 15 aims at under 300 KB of
 * JavaScript gzipped and a first meaningful paint under 1 s against the embedded stack):
 *   npm run bench:web -w @ledgerbus/console
 * 1. Bundle: the production build (dist/web, rebuilt when stale), each asset raw and gzipped (level 9).
 * 2. First load: the embedded demo with the console (console-state.ts, without the onboarding import), then
 *    CONSOLE_BENCH_LOADS (default 5) cold loads of the signed-in Connection page in Debian's Chromium (a fresh browser
 *    context each: empty cache, no service worker), and as many warm loads (same context, cached assets). Per load:
 *    time to first byte, DOMContentLoaded, first contentful paint, and "first meaningful paint" = the first frame that
 *    shows the connected company's name (the page's data, read from the connector through the console).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { buildConsole } from '../src/build';
import { bridgeMetrics, launchBrowser } from '../test/browser';
import { startConsoleState } from './console-state';

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number): string => `${Math.round(n)} ms`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function bundle(webDir: string): { jsGzip: number } {
  const dir = join(webDir, 'assets');
  const rows = readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const raw = readFileSync(join(dir, f));
      return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
    });
  const html = readFileSync(join(webDir, 'index.html'));
  console.log('bundle (dist/web):');
  for (const r of rows) console.log(`  ${r.file.padEnd(36)} ${kb(r.raw).padStart(10)} raw  ${kb(r.gzip).padStart(10)} gzipped`);
  console.log(`  ${'index.html'.padEnd(36)} ${kb(html.length).padStart(10)} raw  ${kb(gzipSync(html, { level: 9 }).length).padStart(10)} gzipped`);
  const js = rows.filter((r) => r.file.endsWith('.js'));
  const css = rows.filter((r) => r.file.endsWith('.css'));
  const jsGzip = js.reduce((a, r) => a + r.gzip, 0);
  console.log(`  JavaScript: ${kb(js.reduce((a, r) => a + r.raw, 0))} raw, ${kb(jsGzip)} gzipped (aim: under 300 KB gzipped)`);
  console.log(`  CSS:        ${kb(css.reduce((a, r) => a + r.raw, 0))} raw, ${kb(css.reduce((a, r) => a + r.gzip, 0))} gzipped`);
  return { jsGzip };
}

interface Load {
  ttfb: number;
  dcl: number;
  fcp: number;
  fmp: number;
  transferred: number;
}

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'commit' });
  // The first animation frame in which the company's name is on the page (rAF polling: one check per frame).
  // (A loop of animation frames inside the page: the console's CSP forbids the eval that waitForFunction's string form needs.)
  const fmp = await page.evaluate<number>(
    "new Promise((resolve) => { const tick = () => (document.querySelector('.company-name') ? resolve(performance.now()) : requestAnimationFrame(tick)); tick(); })",
  );
  await page.waitForLoadState('load');
  const timing = await page.evaluate<Omit<Load, 'fmp'>>(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const transferred = performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, nav.transferSize);
    return { ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : NaN, transferred };
  })()`);
  await page.close();
  return { ...timing, fmp };
}

function report(title: string, loads: Load[]): void {
  console.log(`${title} (${loads.length} loads; each: ttfb / DOMContentLoaded / first contentful paint / first meaningful paint, transferred):`);
  for (const l of loads) console.log(`  ${ms(l.ttfb).padStart(7)} / ${ms(l.dcl).padStart(7)} / ${ms(l.fcp).padStart(7)} / ${ms(l.fmp).padStart(7)}   ${kb(l.transferred)}`);
  console.log(`  median first contentful paint ${ms(median(loads.map((l) => l.fcp)))}, first meaningful paint ${ms(median(loads.map((l) => l.fmp)))} (aim: under 1 s)`);
}

async function main(): Promise<void> {
  const built = await buildConsole();
  bundle(built.webDir);
  const n = Number(process.env.CONSOLE_BENCH_LOADS ?? '5');
  const state = await startConsoleState({ onboarding: false });
  const browser = await launchBrowser();
  try {
    const url = `${state.consoleUrl}/#token=${state.tokens.admin}`;
    const cold: Load[] = [];
    for (let i = 0; i < n; i++) {
      const context = await browser.newContext();
      await bridgeMetrics(context, state.consoleUrl, state.stack.urls.metrics!);
      cold.push(await load(context, url));
      await context.close();
    }
    const context = await browser.newContext();
    await load(context, url); // fills the cache
    const warm: Load[] = [];
    for (let i = 0; i < n; i++) warm.push(await load(context, url));
    await context.close();
    console.log(`first load against the embedded stack (${state.consoleUrl}, Chromium headless, 1280 px):`);
    report('cold (empty cache)', cold);
    report('warm (cached assets)', warm);
  } finally {
    await browser.close();
    await state.stack.shutdown('bench done');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
