import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAxeClean, waitForHeading } from './browser';
import { Authenticator } from './totp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_SHOTS_DIR = '/tmp/relief-console-shots';

export interface Account {
  email: string;
  name: string;
  password: string;
}

/** The first administrator, made the way an operator would: with the admin CLI on the server's data folder. */
export async function createAdmin(env: NodeJS.ProcessEnv, admin: Account): Promise<void> {
  const args = ['--import', 'tsx', 'src/server/admin-cli.ts', 'create-admin', '--email', admin.email, '--name', admin.name, '--password', admin.password];
  let out = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`admin-cli create-admin failed (${code}):\n${out}`);
}

export async function consoleShot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(CONSOLE_SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(CONSOLE_SHOTS_DIR, `${name}.png`), fullPage });
}

/**
 * What the page keeps in browser storage. The console must keep nothing there
 * (no health information, no CSRF token): the session is an HttpOnly cookie
 * and everything else lives in memory.
 */
export async function browserStorage(page: Page): Promise<{ local: number; session: number; indexedDb: string[]; cookies: string }> {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).map((d) => d.name ?? ''),
    cookies: document.cookie,
  }));
}

export async function signInWithPassword(page: Page, who: Pick<Account, 'email' | 'password'>): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Enrols the authenticator app on the page it is shown; returns the app and the recovery codes. */
export async function enrolTotp(page: Page, label: string): Promise<{ auth: Authenticator; codes: string[] }> {
  await waitForHeading(page, 'Set up two-factor sign-in');
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  const src = (await page.getByRole('img', { name: /QR code/ }).getAttribute('src')) ?? '';
  expect(src).toMatch(/^data:image\/svg\+xml/);
  await expectAxeClean(page, `enrolment (${label})`);
  await consoleShot(page, `enrol-${label}`);
  // The key is shown in groups of four for typing by hand.
  const shown = (await page.locator('code.secret').textContent()) ?? '';
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const auth = new Authenticator(shown.replace(/\s+/g, ''));
  await page.getByLabel('Code from your authenticator app').fill(await auth.nextCode());
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

  await waitForHeading(page, 'Save your recovery codes', 2);
  const codes = (await page.locator('.recovery-codes code').allTextContents()).map((c) => c.trim());
  expect(codes.length).toBeGreaterThanOrEqual(8);
  await expectAxeClean(page, `recovery codes (${label})`);
  await consoleShot(page, `recovery-codes-${label}`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Confirm that you have saved your recovery codes.').first().waitFor();
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return { auth, codes };
}

/** A staff member's first sign-in at the console: the password, then enrolling the authenticator app (see enrolTotp). */
export async function firstStaffSignIn(page: Page, baseUrl: string, who: Account, label: string): Promise<{ auth: Authenticator; codes: string[] }> {
  await page.goto(`${baseUrl}/console`);
  await waitForHeading(page, 'Sign in to the staff console', 1);
  await signInWithPassword(page, who);
  return enrolTotp(page, label);
}
