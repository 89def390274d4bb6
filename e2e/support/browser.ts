import axe, { type AxeResults } from 'axe-core';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const SHOTS_DIR = '/tmp/relief-shots';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };
/** The phone width the clinic settings pages are designed for first (issue 11). */
export const PHONE_390 = { width: 390, height: 844 };

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

/** The console messages of HTTP statuses that a page shows to the user on purpose (refusals at a field). */
export const HANDLED_STATUSES = [/Failed to load resource: .*status of (409|422)/];

/** Uncaught page errors and console errors, minus those `allowed` (by default HANDLED_STATUSES). */
export function collectPageErrors(page: Page, allowed: readonly RegExp[] = HANDLED_STATUSES): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allowed.some((re) => re.test(m.text()))) return;
    errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** What collectPageErrors gathered; a journey expects it empty. */
  errors: string[];
}

/** A new browser context and page, as a US visitor in New York sees the clinic (times stay in the clinic's zone). */
export async function openTab(browser: Browser, opts: { viewport?: { width: number; height: number }; timeoutMs?: number; allowed?: readonly RegExp[] } = {}): Promise<Tab> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.setDefaultTimeout(opts.timeoutMs ?? 20_000);
  return { context, page, errors: collectPageErrors(page, opts.allowed) };
}

/** Waits for a heading by its accessible name (exact, when a string) and level. */
export async function waitForHeading(page: Page, name: string | RegExp, level?: number): Promise<void> {
  await page.getByRole('heading', { name, ...(typeof name === 'string' ? { exact: true } : {}), ...(level ? { level } : {}) }).waitFor();
}

export async function expectAxeClean(page: Page, label: string): Promise<void> {
  expect(await axeBothWidths(page, label), `axe: ${label}`).toBe('');
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

/**
 * Scans the page with axe at each of the given sizes and checks nothing
 * scrolls sideways at any; returns a report ('' when clean). Leaves the
 * viewport as it found it. (axeBothWidths is this at desktop and 375 px.)
 */
export async function axeAtWidths(page: Page, label: string, sizes: readonly { width: number; height: number }[]): Promise<string> {
  const original = page.viewportSize() ?? DESKTOP;
  const reports: string[] = [];
  for (const size of sizes) {
    await page.setViewportSize(size);
    const v = await runAxe(page);
    if (v.length) reports.push(`axe violations on "${label}" at ${size.width} px:\n${describeViolations(v)}`);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > size.width) reports.push(`"${label}" scrolls sideways at ${size.width} px: ${scrollWidth}px > ${size.width}px, past the edge: ${await widest(page, size.width)}`);
  }
  await page.setViewportSize(original);
  if (reports.length) console.error(reports.join('\n'));
  return reports.join('\n');
}

/** The innermost elements that reach past the right edge, to say what makes a page scroll sideways. */
function widest(page: Page, width: number): Promise<string> {
  return page.evaluate((w) => {
    const past = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > w + 0.5);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    return innermost
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)}px)`)
      .join(', ');
  }, width);
}
