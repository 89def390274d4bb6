import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

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
