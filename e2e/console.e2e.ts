import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse } from '../src/shared/contracts/booking';
import type { Location, Practitioner, VisitType } from '../src/shared/contracts/clinic';
import { addDays, localDateOf } from '../src/shared/time';
import { DESKTOP, expectAxeClean, launchChromium, openTab, PHONE, waitForHeading, type Tab } from './support/browser';
import { browserStorage, consoleShot, createAdmin, enrolTotp, signInWithPassword, type Account } from './support/console';
import { startReliefServer, type RunningServer } from './support/relief-server';
import { seedVisitToday, type TodayVisit } from './support/fixtures';
import { Authenticator } from './support/totp';

// One journey, in order: each step builds on the accounts and sessions of the one before.
const ADMIN: Account = { email: 'ada.admin@relief.example', name: 'Ada Admin', password: 'copper lantern river autumn' };
const DESK: Account = { email: 'fran.desk@relief.example', name: 'Fran Desk', password: 'quiet harbor violet engine' };
const CALLER = { first: 'Rosa', last: 'Delgado', dob: '1961-07-02', phone: '(512) 555-0188', email: 'rosa.delgado@example.com' };
/** On today's list before the journey starts (see seedVisitToday). */
const ARRIVAL = { first: 'Tomás', last: 'Villarreal', dob: '1958-03-14', phone: '(512) 555-0142', email: 'tomas.villarreal@example.com' };
const ZONE = 'America/Chicago';

let server: RunningServer;
let browser: Browser;
let clinic: { location: Location; practitioners: Practitioner[]; esi: VisitType; followUp: VisitType };
let arrival: TodayVisit;
const state: { inviteUrl?: string; deskAuth?: Authenticator; recoveryCodes?: string[]; deskUrl?: string } = {};

const tabs: Record<'admin' | 'desk1' | 'desk2', Tab | undefined> = { admin: undefined, desk1: undefined, desk2: undefined };

/**
 * Console errors, minus the HTTP statuses the console handles on purpose: 401
 * (the first session check, a revoked session), 409 and 422 (refusals shown to
 * the user), and a live socket refused after its session was revoked.
 */
const CONSOLE_HANDLED = [/Failed to load resource: .*status of (401|409|422)/, /WebSocket connection to .*\/api\/staff\/live.* failed/];

function newTab(viewport = DESKTOP): Promise<Tab> {
  return openTab(browser, { viewport, allowed: CONSOLE_HANDLED });
}

beforeAll(async () => {
  server = await startReliefServer({
    beforeStart: async (env) => {
      await createAdmin(env, ADMIN);
      arrival = await seedVisitToday(env, ARRIVAL);
    },
  });
  browser = await launchChromium();
  const get = async <T>(p: string): Promise<T> => (await (await fetch(`${server.baseUrl}${p}`)).json()) as T;
  const [locations, practitioners, visitTypes] = await Promise.all([
    get<{ items: Location[] }>('/api/locations'),
    get<{ items: Practitioner[] }>('/api/practitioners'),
    get<{ items: VisitType[] }>('/api/visit-types'),
  ]);
  const esi = visitTypes.items.find((v) => v.code === 'epidural-steroid-injection');
  const followUp = visitTypes.items.find((v) => v.code === 'follow-up');
  if (!esi || !followUp) throw new Error('the demo clinic has no epidural steroid injection or follow-up visit');
  const location = locations.items.find((l) => l.id === arrival.locationId);
  if (!location || !practitioners.items.some((p) => p.locationIds.includes(location.id) && p.visitTypeIds.includes(esi.id))) {
    throw new Error('the seeded visit is not at a location that offers an epidural steroid injection');
  }
  clinic = { location, practitioners: practitioners.items, esi, followUp };
});

afterAll(async () => {
  for (const t of Object.values(tabs)) await t?.context.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console', () => {
  it('an administrator signs in, sets up two-factor sign-in, invites a front-desk user and reads the audit log', async () => {
    const tab = (tabs.admin = await newTab());
    const { page } = tab;
    await page.goto(`${server.baseUrl}/console`);
    await waitForHeading(page, 'Sign in to the staff console', 1);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await expectAxeClean(page, 'sign-in');
    await consoleShot(page, 'sign-in');

    await signInWithPassword(page, { ...ADMIN, password: 'not the password at all' });
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await consoleShot(page, 'sign-in-wrong');
    await signInWithPassword(page, ADMIN);
    await enrolTotp(page, 'admin');

    await waitForHeading(page, 'Accounts', 1);
    expect(new URL(page.url()).pathname).toBe('/console/admin/users');
    await page.getByRole('cell', { name: ADMIN.email }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(DESK.email);
    await page.getByLabel('Full name').fill(DESK.name);
    await page.getByLabel('Role').selectOption({ label: 'Front desk' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const link = page.getByRole('textbox', { name: 'Invitation link', exact: true });
    await link.waitFor();
    state.inviteUrl = await link.inputValue();
    expect(state.inviteUrl).toMatch(new RegExp(`^${server.baseUrl}/console/invite/[\\w-]{20,}$`));
    await page.getByRole('row', { name: new RegExp(`${DESK.name}.*Invited`) }).waitFor();
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    // The link is lost (say, the email never came): a new one replaces it.
    const first = state.inviteUrl;
    await page.getByRole('button', { name: `New link: invitation for ${DESK.name}` }).click();
    const fresh = page.getByRole('textbox', { name: 'Invitation link', exact: true }).and(page.locator('#reinvite-url'));
    await fresh.waitFor();
    state.inviteUrl = await fresh.inputValue();
    expect(state.inviteUrl).toMatch(new RegExp(`^${server.baseUrl}/console/invite/[\\w-]{20,}$`));
    expect(state.inviteUrl).not.toBe(first);
    await page.getByText(`A new invitation link for ${DESK.name}.`).waitFor();
    await expectAxeClean(page, 'admin: staff accounts');
    await consoleShot(page, 'admin-users');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
    await waitForHeading(page, 'Audit log', 1);
    await page.getByLabel('Action').selectOption('user.invite');
    await page.getByRole('button', { name: 'Show events' }).click();
    await page.getByRole('status').filter({ hasText: '1 event.' }).waitFor();
    // Issue 11: the action in words, its code beneath.
    await page.getByRole('cell', { name: 'Invited a staff member user.invite', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'session.sign_in' }).count()).toBe(0);
    await expectAxeClean(page, 'admin: audit log');
    await consoleShot(page, 'admin-audit');
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toContain('action=user.invite');
    const res = await page.request.get(new URL(csv!, server.baseUrl).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(await res.text()).toContain('user.invite');
    expect(tab.errors).toEqual([]);
  });

  it('the invited user chooses a password, enrols the authenticator app and signs in again with a code', async () => {
    const tab = (tabs.desk1 = await newTab());
    const { page } = tab;
    await page.goto(state.inviteUrl!);
    await waitForHeading(page, 'Set up your account', 1);
    await page.getByText(`Welcome, ${DESK.name}. You are invited to the staff console as Front desk, with the email ${DESK.email}.`).waitFor();
    await waitForHeading(page, 'Choose a password', 2);
    await expectAxeClean(page, 'invitation');
    await consoleShot(page, 'invite-password');

    // Long enough, but refused by the server: its reason is shown at the field.
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Save password and continue' }).click();
    await page.getByText('This password is too common. Choose a longer phrase of your own.').waitFor();
    await consoleShot(page, 'invite-password-refused');
    await page.getByLabel('New password').fill(DESK.password);
    await page.getByRole('button', { name: 'Save password and continue' }).click();
    const { auth, codes } = await enrolTotp(page, 'front-desk');
    state.deskAuth = auth;
    state.recoveryCodes = codes;
    await waitForHeading(page, 'Schedule desk', 1);
    await page.getByText('Fran Desk').first().waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForHeading(page, 'Sign in to the staff console', 1);
    await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
    await signInWithPassword(page, DESK);
    await waitForHeading(page, 'Enter your sign-in code', 1);
    await expectAxeClean(page, 'sign-in: code');
    await consoleShot(page, 'sign-in-code');
    await page.getByLabel('Code from your authenticator app').fill(await auth.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForHeading(page, 'Schedule desk', 1);
    expect(tab.errors).toEqual([]);
  });

  it('books a procedure for a new patient on the phone, and a second open desk shows it without a reload', async () => {
    // The first day from tomorrow with an opening for the injection (a day the
    // caller is not yet due, whatever the hour): both desks look at that day.
    const today = localDateOf(Date.now(), ZONE);
    expect(arrival.date).toBe(today);
    // Procedures are searched on the desk's own route (issue 11), with the desk's session.
    const avail = (await (
      await tabs.desk1!.page.request.get(`${server.baseUrl}/api/staff/availability?visitType=${clinic.esi.id}&location=${clinic.location.id}&from=${addDays(today, 1)}&to=${addDays(today, 31)}`)
    ).json()) as AvailabilityResponse;
    expect(avail.firstAvailable).not.toBeNull();
    const day = avail.firstAvailable!.start.slice(0, 10);
    state.deskUrl = `${server.baseUrl}/console?loc=${clinic.location.id}&date=${day}`;

    const desk1 = tabs.desk1!.page;
    await desk1.goto(state.deskUrl);
    await waitForHeading(desk1, 'Schedule desk', 1);

    // A second desk: the same person on another computer, signed in with a recovery code.
    const tab2 = (tabs.desk2 = await newTab());
    const desk2 = tab2.page;
    await desk2.goto(state.deskUrl);
    await waitForHeading(desk2, 'Sign in to the staff console', 1);
    await signInWithPassword(desk2, DESK);
    await waitForHeading(desk2, 'Enter your sign-in code', 1);
    await desk2.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await desk2.getByLabel('Recovery code').fill(state.recoveryCodes![0]!);
    await consoleShot(desk2, 'sign-in-recovery-code');
    await desk2.getByRole('button', { name: 'Verify' }).click();
    await waitForHeading(desk2, 'Schedule desk', 1);
    expect(new URL(desk2.url()).searchParams.get('date')).toBe(day);
    for (const p of [desk1, desk2]) await p.getByText('Live updates on').waitFor();
    // Marks this document: a reload would lose it.
    await desk2.evaluate(() => ((window as unknown as { deskMark: number }).deskMark = 42));

    await desk1.getByRole('button', { name: 'Book for a caller' }).click();
    const dialog = desk1.getByRole('dialog', { name: 'Book for a caller' });
    await dialog.waitFor();
    await expectAxeClean(desk1, 'booking dialog');
    await consoleShot(desk1, 'book-dialog', false);
    await dialog.getByRole('radio', { name: 'A new patient' }).check();
    await dialog.getByLabel('First name').fill(CALLER.first);
    await dialog.getByLabel('Last name').fill(CALLER.last);
    await dialog.getByLabel('Date of birth').fill(CALLER.dob);
    await dialog.getByLabel('Phone').fill(CALLER.phone);
    // Optional since issue 11 (a caller may have none): its label says so.
    await dialog.getByLabel(/^Email/).fill(CALLER.email);
    await dialog.getByLabel('Visit type').selectOption(clinic.esi.id);
    const times = dialog.getByRole('button', { name: / with .+ at / });
    await times.first().waitFor();
    await expectAxeClean(desk1, 'booking dialog with openings');
    await times.first().click();
    await dialog.getByLabel('Reason for visit').fill('Lumbar radiculopathy, L5. ESI ordered at the last follow-up.');
    await consoleShot(desk1, 'book-dialog-filled', false);

    const posted = desk1.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/staff/appointments'));
    await dialog.getByRole('button', { name: /^Book for / }).click();
    // Every state-changing request carries the session's CSRF token.
    expect((await posted).headers()['x-csrf-token']).toMatch(/.{16,}/);
    await desk1.getByRole('status').filter({ hasText: `Booked: ${CALLER.first} ${CALLER.last}` }).waitFor();
    const procedure = new RegExp(`${CALLER.first} ${CALLER.last}\\W+Epidural steroid injection`);
    const card1 = desk1.getByRole('button', { name: procedure });
    await card1.waitFor();
    expect(new URL(desk1.url()).searchParams.get('date')).toBe(day);
    await consoleShot(desk1, 'desk-booked');

    // A column per room: the procedure sits under a fluoroscopy suite.
    await desk1.getByRole('button', { name: 'Rooms', exact: true }).click();
    expect(new URL(desk1.url()).searchParams.get('cols')).toBe('rooms');
    const inRoom = new RegExp(`${CALLER.first} ${CALLER.last}\\W+with .+\\W+Epidural steroid injection`);
    await desk1.getByRole('region', { name: /^Fluoro Suite.*, Fluoroscopy$/ }).getByRole('button', { name: inRoom }).waitFor();
    await expectAxeClean(desk1, 'desk (rooms)');
    await consoleShot(desk1, 'desk-rooms');
    await desk1.setViewportSize(PHONE);
    await consoleShot(desk1, 'desk-rooms-phone', false);
    await desk1.setViewportSize(DESKTOP);
    await desk1.getByRole('button', { name: 'Practitioners', exact: true }).click();

    // The other desk hears about it on its live socket and refetches, without a reload.
    const card2 = desk2.getByRole('button', { name: procedure });
    await card2.waitFor({ timeout: 10_000 });
    expect(await desk2.evaluate(() => (window as unknown as { deskMark?: number }).deskMark)).toBe(42);
    await consoleShot(desk2, 'desk-second-live');

    await card1.click();
    const panel = desk1.getByRole('dialog', { name: `${CALLER.first} ${CALLER.last}` });
    await panel.waitFor();
    await panel.getByText('Epidural steroid injection').waitFor();
    await panel.getByText(CALLER.phone).waitFor();
    await expectAxeClean(desk1, 'appointment panel');
    await consoleShot(desk1, 'appointment-panel', false);
    // Not due yet: the desk cannot check her in or mark her a no-show before the day.
    await panel.getByText(/^Check-in and no-show open on the day of the visit, /).waitFor();
    expect(await panel.getByRole('button', { name: /^(Check in|Mark no-show)$/ }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Reschedule' }).waitFor();
    await desk1.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    // Today's patient arrives: both desks go to today, one checks him in, the other sees it live.
    for (const p of [desk1, desk2]) {
      await p.getByRole('button', { name: 'Today', exact: true }).click();
      await expect.poll(() => new URL(p.url()).searchParams.get('date') ?? today).toBe(today);
    }
    await desk1.getByRole('button', { name: new RegExp(`${ARRIVAL.first} ${ARRIVAL.last}\\W+Follow-up visit`) }).click();
    const arrived = desk1.getByRole('dialog', { name: `${ARRIVAL.first} ${ARRIVAL.last}` });
    await arrived.getByRole('button', { name: 'Check in' }).click();
    await arrived.getByRole('status').filter({ hasText: `${ARRIVAL.first} ${ARRIVAL.last} is checked in.` }).waitFor();
    await arrived.getByRole('button', { name: 'Mark completed' }).waitFor();
    await desk1.keyboard.press('Escape');
    await arrived.waitFor({ state: 'hidden' });
    // The desk's own notice says it too, in place of the earlier booking's.
    await desk1.getByRole('status').filter({ hasText: `${ARRIVAL.first} ${ARRIVAL.last} is checked in.` }).waitFor();
    await desk2.getByRole('button', { name: new RegExp(`Checked in\\W+${ARRIVAL.first} ${ARRIVAL.last}`) }).waitFor({ timeout: 10_000 });
    expect(await desk2.evaluate(() => (window as unknown as { deskMark?: number }).deskMark)).toBe(42);

    // A follow-up for the same caller, now an existing patient found by name, from the next day on.
    await desk1.getByRole('button', { name: 'Book for a caller' }).click();
    const again = desk1.getByRole('dialog', { name: 'Book for a caller' });
    await again.getByLabel('Find the patient').fill(CALLER.last);
    await again.getByRole('status').filter({ hasText: '1 patient matches.' }).waitFor();
    await again.getByRole('button', { name: new RegExp(`^${CALLER.first} ${CALLER.last}`) }).click();
    await again.getByText(`Born July 2, 1961 · ${CALLER.phone}`).waitFor();
    await again.getByLabel('Visit type').selectOption(clinic.followUp.id);
    await again.getByLabel('Openings from').fill(addDays(day, 1));
    await again.getByRole('button', { name: / with .+ at / }).first().click();
    await again.getByLabel('Reason for visit').fill('Two weeks after the injection.');
    await again.getByRole('button', { name: /^Book for / }).click();
    await again.waitFor({ state: 'hidden' });
    await desk1.getByRole('button', { name: new RegExp(`${CALLER.first} ${CALLER.last}\\W+Follow-up visit`) }).waitFor();
    expect(new URL(desk1.url()).searchParams.get('date')! > day).toBe(true);
    // The caller rings back to cancel it: the panel and the desk confirm, and the reason stays on the visit.
    await desk1.getByRole('button', { name: new RegExp(`${CALLER.first} ${CALLER.last}\\W+Follow-up visit`) }).click();
    const followUp = desk1.getByRole('dialog', { name: `${CALLER.first} ${CALLER.last}` });
    await followUp.getByRole('button', { name: 'Cancel appointment' }).click();
    await followUp.getByLabel('Reason for cancelling').fill('Feeling much better after the injection.');
    await followUp.getByRole('button', { name: 'Confirm cancellation' }).click();
    await followUp.getByRole('status').filter({ hasText: new RegExp(`^${CALLER.first} ${CALLER.last}'s visit on .+ is cancelled\\.$`) }).waitFor();
    await followUp.getByRole('definition').filter({ hasText: 'Feeling much better after the injection.' }).waitFor();
    await desk1.keyboard.press('Escape');
    await followUp.waitFor({ state: 'hidden' });
    await desk1.getByRole('status').filter({ hasText: `${CALLER.first} ${CALLER.last}'s visit on` }).waitFor();
    await desk1.goto(state.deskUrl);
    await card1.waitFor();

    await expectAxeClean(desk1, 'desk (day)');
    await desk1.getByRole('button', { name: 'Block time' }).click();
    await desk1.getByRole('dialog', { name: 'Block time' }).waitFor();
    await expectAxeClean(desk1, 'block time dialog');
    await desk1.keyboard.press('Escape');
    await desk1.getByRole('button', { name: 'Week', exact: true }).click();
    await desk1.getByRole('heading', { name: /^Monday, .+ to Sunday, / }).waitFor();
    await card1.waitFor();
    await expectAxeClean(desk1, 'desk (week)');
    await consoleShot(desk1, 'desk-week');
    await desk1.setViewportSize(PHONE);
    await consoleShot(desk1, 'desk-week-phone');
    await desk1.getByRole('button', { name: 'Day', exact: true }).click();
    await card1.waitFor();
    // The day view may re-render the card once more as it settles (live refetch,
    // scroll-to-booking); retry a replaced node rather than fail a screenshot step.
    for (let attempt = 1; ; attempt++) {
      try {
        await card1.scrollIntoViewIfNeeded({ timeout: 5000 });
        break;
      } catch (err) {
        if (attempt >= 3 || !/not attached/i.test(String(err))) throw err;
        await desk1.waitForTimeout(200);
      }
    }
    await consoleShot(desk1, 'desk-day-phone', false);
    await desk1.setViewportSize(DESKTOP);

    // Nothing about patients (or the session) in browser storage.
    for (const p of [desk1, desk2]) {
      const stored = await browserStorage(p);
      expect(stored).toEqual({ local: 0, session: 0, indexedDb: [], cookies: expect.not.stringContaining('relief_session') });
    }
    expect(tabs.desk1!.errors).toEqual([]);
    expect(tab2.errors).toEqual([]);
  });

  it('warns before the idle timeout, and sends a revoked session back to sign-in', async () => {
    const desk2 = tabs.desk2!.page;
    // Pretend the server's idle window is about to close: the warning comes two minutes before.
    await desk2.route('**/api/session', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const res = await route.fetch();
      const body = (await res.json()) as Record<string, unknown>;
      await route.fulfill({ response: res, json: { ...body, idleTimeoutSec: 125, idleExpiresAt: new Date(Date.now() + 125_000).toISOString() } });
    });
    await desk2.reload();
    const warning = desk2.getByRole('alertdialog', { name: 'You will be signed out in 2 minutes' });
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.getByRole('button', { name: 'Stay signed in' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await expectAxeClean(desk2, 'idle warning');
    await consoleShot(desk2, 'idle-warning', false);
    await desk2.unroute('**/api/session');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await warning.waitFor({ state: 'hidden' });

    // From the first desk, end the second desk's session.
    const desk1 = tabs.desk1!.page;
    await desk1.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'My sessions' }).click();
    await waitForHeading(desk1, 'My sessions', 1);
    await desk1.getByText('This session', { exact: true }).waitFor();
    const others = desk1.getByRole('button', { name: /^End session: / });
    await others.first().waitFor();
    expect(await others.count()).toBe(1);
    await expectAxeClean(desk1, 'my sessions');
    await consoleShot(desk1, 'my-sessions');
    await others.first().click();
    await desk1.getByRole('status').filter({ hasText: 'The session is ended.' }).waitFor();
    await expect.poll(() => others.count()).toBe(0);

    // The server closes the second desk's live socket with its session, and
    // the desk goes back to sign-in on its own, with the reason (issue 9 defect 10).
    await waitForHeading(desk2, 'Sign in to the staff console', 1);
    await desk2.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' }).waitFor();
    expect(await desk2.getByText(CALLER.last).count()).toBe(0);
    await desk2.getByRole('button', { name: 'Español', exact: true }).click();
    await waitForHeading(desk2, 'Inicie sesión en la consola del personal', 1);
    await expectAxeClean(desk2, 'sign-in (es)');
    await consoleShot(desk2, 'sign-in-es');
    expect(tabs.desk1!.errors).toEqual([]);
    expect(tabs.desk2!.errors).toEqual([]);
  });
});
