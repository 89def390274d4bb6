import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeAtWidths, DESKTOP, PHONE, PHONE_390 } from './browser';

export const SETTINGS_SHOTS_DIR = '/tmp/relief-settings-shots';

/** A settings page is axe clean and reflows at 390 px (its design width), 375 px and 1280 px; a screenshot of each width. */
export async function expectSettingsPageClean(page: Page, label: string): Promise<void> {
  expect(await axeAtWidths(page, label, [DESKTOP, PHONE_390, PHONE]), `axe: ${label}`).toBe('');
  fs.mkdirSync(SETTINGS_SHOTS_DIR, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  const file = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  for (const size of [DESKTOP, PHONE_390]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SETTINGS_SHOTS_DIR, `${file}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** A 2x2 PNG (teal and white squares), as a logo upload. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGPgjsn+//8/w////7ljsgE0oAefwzul3AAAAABJRU5ErkJggg==', 'base64');

export async function settingsShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SETTINGS_SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SETTINGS_SHOTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80)}.png`), fullPage: true });
}
