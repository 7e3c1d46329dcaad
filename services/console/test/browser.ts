/**
 * What the console's browser tests share: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), screenshots, and axe-core run inside the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = resolve(process.env.CONSOLE_SCREENSHOTS_DIR ?? join(__dirname, '..', '..', '..', '.infra', 'console-screenshots'));

/** The navigation's link names, by route. */
export const ROUTE_TITLES: Record<string, string> = {
  connection: 'Connection',
  settings: 'Sync settings',
  mappings: 'Mappings',
  sync: 'Synchronize',
  'sync-log': 'Sync log',
  onboarding: 'Onboarding import',
  metrics: 'Metrics',
  audit: 'Audit',
};

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  // From the top: a full-page shot of a scrolled page draws the sticky navigation half-way down.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core in the page: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate<Array<{ id: string; impact: string; help: string; targets: string[] }>>(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })))",
  );
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

/**
 * When the console under test was started without a metrics upstream (services/embedded's `startStack` passes
 * connector, mapping and customer-sync only, for now), its `/api/metrics/...` answers 503 upstream_not_configured:
 * then the browser's metrics requests go to the stack's metrics service directly, path for path, as the console's
 * pass-through would send them (same method, headers and body). Once the stack passes `metrics`, nothing is bridged.
 * Answers whether it bridged.
 */
export async function bridgeMetrics(context: BrowserContext, consoleUrl: string, metricsUrl: string): Promise<boolean> {
  const probe = await fetch(`${consoleUrl}/api/metrics/v1/tenants/probe/metrics`);
  const body = (await probe.json().catch(() => ({}))) as { error?: { code?: string } };
  if (probe.status !== 503 || body.error?.code !== 'upstream_not_configured') return false;
  await context.route(`${consoleUrl}/api/metrics/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${metricsUrl}${url.pathname.slice('/api/metrics'.length)}${url.search}` });
    await route.fulfill({ response });
  });
  return true;
}
