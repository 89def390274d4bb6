import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingResponse, Slot } from '../src/shared/contracts/booking';
import type { VisitType } from '../src/shared/contracts/clinic';
import { addDays, localDateOf } from '../src/shared/time';
import { DESKTOP, expectAxeClean, launchChromium, openTab, PHONE_390, waitForHeading, type Tab } from './support/browser';
import { enrolTotp, signInWithPassword } from './support/console';
import { createStaff } from './support/fixtures';
import { startMailSink, type MailSink } from './support/mail';
import { startReliefServer, type RunningServer } from './support/relief-server';

// Issue 12 in the browser: a patient asks for an earlier visit and makes a
// calendar address on her appointments page; when an earlier time opens (a
// cancellation), the emailed offer link opens a page that accepts it; the
// front desk sees the offer accepted. Every new page is scanned with axe.
const PATIENT = { first: 'Rosa', last: 'Espera', email: 'rosa.espera@example.com', password: 'the quiet garden by the river' };
const DESK = { email: 'dana.desk@relief.test', name: 'Dana Desk', password: 'front desk phones ring all day' };
const ZONE = 'America/Chicago';

let server: RunningServer;
let mail: MailSink;
let browser: Browser;
const tabs: Tab[] = [];
let earlier: { id: string; code: string };

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function newTab(viewport = DESKTOP): Promise<Tab> {
  const tab = await openTab(browser, { viewport, allowed: [/Failed to load resource: .*status of (401|409|422)/] });
  tabs.push(tab);
  return tab;
}

beforeAll(async () => {
  mail = await startMailSink();
  server = await startReliefServer({
    env: { SMTP_URL: mail.url },
    beforeStart: async (env) => {
      await createStaff(env, { ...DESK, role: 'front_desk' });
    },
  });
  browser = await launchChromium();
  const consult = (await api<{ items: VisitType[] }>('/api/visit-types')).items.find((v) => v.code === 'new-patient-consult')!;
  const today = localDateOf(Date.now(), ZONE);
  const avail = await api<AvailabilityResponse>(`/api/availability?visitType=${consult.id}&from=${addDays(today, 3)}&to=${addDays(today, 30)}`);
  const first = avail.firstAvailable!;
  const same = (s: Slot) => s.practitionerId === first.practitionerId && s.locationId === first.locationId;
  const late = avail.slots.filter(same).at(-1)!;
  const book = (slot: Slot, patient: object) => api<BookingResponse>('/api/appointments', {
    visitTypeId: consult.id, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, reason: 'Back pain after surgery.', patient,
  });
  const mine = await book(late, { firstName: PATIENT.first, lastName: PATIENT.last, dateOfBirth: '1961-02-03', phone: '(512) 555-0177', email: PATIENT.email, preferredLanguage: 'en' });
  const other = await book(first, { firstName: 'Omar', lastName: 'Early', dateOfBirth: '1970-06-07', phone: '(512) 555-0178', email: 'omar.early@example.com', preferredLanguage: 'en' });
  earlier = { id: other.appointment.id, code: other.confirmationCode };
  await api('/api/account/activate', { appointmentId: mine.appointment.id, code: mine.confirmationCode, email: PATIENT.email, password: PATIENT.password });
});

afterAll(async () => {
  for (const t of tabs) await t.context.close();
  await browser?.close();
  await server?.stop();
  await mail?.close();
});

describe('issue 12: the earlier-visit waitlist and the calendar feed', () => {
  it('a patient asks for an earlier visit and makes a calendar address; an opened time is offered by email and accepted; the desk sees it', async () => {
    const { page, errors } = await newTab(PHONE_390);
    await page.goto(`${server.baseUrl}/sign-in`);
    await signInWithPassword(page, { ...PATIENT, name: PATIENT.first });
    await page.waitForURL(/\/my/);
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Appointments' }).click();
    await page.getByRole('button', { name: 'Ask for an earlier visit' }).click();
    await page.getByRole('group', { name: 'Days that suit you' }).getByLabel('Saturday').check();
    await expectAxeClean(page, 'waitlist form');
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByText('You are on the waitlist. We will tell you if an earlier time opens.').waitFor();

    await page.getByRole('button', { name: 'Make a calendar address' }).click();
    const address = page.getByLabel('Your calendar address');
    await address.waitFor();
    expect(await address.inputValue()).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await fetch(await address.inputValue());
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:Appointment at ');
    await expectAxeClean(page, 'appointments with waitlist and calendar panels');

    // Someone with an earlier visit cancels it: the offer goes out by email.
    await api(`/api/appointments/${earlier.id}/cancel`, { code: earlier.code, reason: 'Travelling' });
    const offer = await mail.waitFor(PATIENT.email, /earlier appointment time/i, 60_000);
    const link = /https?:\/\/\S+\/waitlist\/offers\/[A-Za-z0-9_-]+/.exec(offer.text)![0];
    const offerTab = await newTab(PHONE_390);
    await offerTab.page.goto(new URL(new URL(link).pathname, server.baseUrl).href);
    await waitForHeading(offerTab.page, 'An earlier appointment time', 1);
    await expectAxeClean(offerTab.page, 'offer page');
    await offerTab.page.getByRole('button', { name: 'Accept this earlier time' }).click();
    await offerTab.page.getByText(/Done\. Your appointment is now on/).waitFor();
    await expectAxeClean(offerTab.page, 'offer accepted');

    const desk = await newTab();
    await desk.page.goto(`${server.baseUrl}/console`);
    await waitForHeading(desk.page, 'Sign in to the staff console', 1);
    await signInWithPassword(desk.page, DESK);
    await enrolTotp(desk.page, 'desk-waitlist');
    await desk.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Waitlist' }).click();
    await waitForHeading(desk.page, 'Waitlist offers', 1);
    await desk.page.getByRole('cell', { name: 'Accepted' }).first().waitFor();
    await expectAxeClean(desk.page, 'console waitlist offers');
    expect([...errors, ...offerTab.errors, ...desk.errors]).toEqual([]);
  });
});
