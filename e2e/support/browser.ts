import axe, { type AxeResults } from 'axe-core';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SHOTS_DIR = '/tmp/relief-shots';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Debian's Chromium; playwright-core never downloads a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Uncaught page errors and console errors, minus the HTTP statuses the app handles on purpose. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: .*status of (409|422)/.test(m.text())) return;
    errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function runAxe(page: Page): Promise<AxeResults['violations']> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through DevTools, so a strict CSP on the page does not block it.
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const results = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return results.violations;
  });
}

function describeViolations(v: AxeResults['violations']): string {
  return v
    .map(
      (x) =>
        `- [${x.impact}] ${x.id}: ${x.help}\n${x.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

/**
 * Scans the page with axe at desktop width and at 375 px, and checks that
 * nothing scrolls sideways; returns a report ('' when clean). Leaves the
 * viewport as it found it.
 */
export async function axeBothWidths(page: Page, label: string): Promise<string> {
  const original = page.viewportSize() ?? DESKTOP;
  const reports: string[] = [];
  for (const [name, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    const v = await runAxe(page);
    if (v.length) reports.push(`axe violations on "${label}" at ${name} width:\n${describeViolations(v)}`);
    // Reflow (WCAG 1.4.10): nothing may need sideways scrolling at phone width.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > size.width) reports.push(`"${label}" scrolls sideways at ${name} width: ${scrollWidth}px > ${size.width}px`);
  }
  await page.setViewportSize(original);
  if (reports.length) console.error(reports.join('\n'));
  return reports.join('\n');
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage });
}
