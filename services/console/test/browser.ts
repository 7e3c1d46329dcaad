/**
 * What the console's browser tests share: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), screenshots, and axe-core run inside the page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
