import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { fixedClock } from './platform/clock.js';
import { recordingMailer } from './platform/mailer.js';
import { TEST_NOW, TEST_PUBLIC_URL } from './testing/test-app.js';
import { openDemoTestDb, type TestDb } from './testing/test-db.js';

/**
 * Issue 11, regression: the server answered 200 with the web app's page for
 * any address at all, so a mistyped or retired link looked like a page to
 * browsers, crawlers and link checkers. Now only the app's routes get 200;
 * any other page address gets the same page (which shows "page not found")
 * with 404, and the built files and the API answer as before.
 */
const INDEX = '<!doctype html><html lang="en"><head><title>Relief</title><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
let db: TestDb;
let app: FastifyInstance;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relief-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log("relief");\n');
  fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const opened = await openDemoTestDb();
  db = opened.db;
  app = await buildApp({
    config: { publicUrl: TEST_PUBLIC_URL, serveWeb: true, logLevel: 'silent' }, db, clock: fixedClock(TEST_NOW), mailer: recordingMailer(),
    organization: { id: opened.organizationId, name: 'Relief Pain Clinics' }, webDir,
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.dispose();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const page = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

describe('web addresses (issue 11: unknown web addresses answer 404, still with the page)', () => {
  it.each(['/', '/locations', '/book?visitType=new-patient-consult', '/appointments/0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11', '/sign-in', '/my',
    '/console', '/console/sign-in', '/console/patients/0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11', '/console/admin/demo-mailbox', '/reset-password/tok'])(
    'answers the app\'s page with 200 at %s', async (url) => {
      const res = await page(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(INDEX);
    });

  it.each(['/no-such-page', '/locations/nowhere', '/console/no-such-page', '/console/admin/no-such-page', '/appointments', '/wp-login.php', '/My%20Page?x=1'])(
    'answers the same page with 404 at %s', async (url) => {
      const res = await page(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });

  it('answers HEAD the same way', async () => {
    expect((await page('/locations', 'HEAD')).statusCode).toBe(200);
    expect((await page('/no-such-page', 'HEAD')).statusCode).toBe(404);
  });

  it('still serves the built files', async () => {
    const js = await app.inject('/assets/app-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toContain('relief');
    const icon = await app.inject('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
  });

  it('keeps an unknown /api address a JSON 404, even when a page is asked for', async () => {
    for (const res of [await page('/api/no-such-thing'), await app.inject('/api/no-such-thing')]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'There is nothing at this address.', reason: 'not_found' } });
    }
  });

  it('answers a request that does not ask for a page with the JSON 404', async () => {
    const res = await app.inject({ method: 'POST', url: '/locations', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.reason).toBe('not_found');
    expect((await app.inject('/no-such-page')).json().error.reason).toBe('not_found');
  });
});
