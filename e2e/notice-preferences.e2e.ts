import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingResponse } from '../src/shared/contracts/booking';
import type { VisitType } from '../src/shared/contracts/clinic';
import { addDays, localDateOf } from '../src/shared/time';
import { axeAtWidths, DESKTOP, launchChromium, openTab, PHONE_390, screenshot, waitForHeading, type Tab } from './support/browser';
import { startReliefServer, type RunningServer } from './support/relief-server';

// Issue 12, item 5: a patient chooses how the clinic reaches them (email, text
// or both per kind of notice) and their quiet hours, on their own page, in
// English and in Spanish; the section is axe-clean at 390 px and 1280 px.
const PATIENT = { first: 'Rosa', last: 'Quintero', email: 'rosa.quintero@example.com', password: 'el gato duerme en la ventana' };

let server: RunningServer;
let browser: Browser;
const tabs: Tab[] = [];

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, body === undefined ? {} : {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startReliefServer();
  browser = await launchChromium();
  const consult = (await api<{ items: VisitType[] }>('/api/visit-types')).items.find((v) => v.code === 'new-patient-consult')!;
  const today = localDateOf(Date.now(), 'America/Chicago');
  const slot = (await api<AvailabilityResponse>(`/api/availability?visitType=${consult.id}&from=${addDays(today, 7)}&to=${addDays(today, 30)}`)).firstAvailable!;
  const booking = await api<BookingResponse>('/api/appointments', {
    visitTypeId: consult.id, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, reason: 'Lower back pain.',
    patient: { firstName: PATIENT.first, lastName: PATIENT.last, dateOfBirth: '1970-05-06', phone: '(512) 555-0133', email: PATIENT.email, preferredLanguage: 'en' },
  });
  await api('/api/account/activate', { appointmentId: booking.appointment.id, code: booking.confirmationCode, email: PATIENT.email, password: PATIENT.password });
});

afterAll(async () => {
  for (const t of tabs) await t.context.close();
  await browser?.close();
  await server?.stop();
});

describe('issue 12: how the clinic contacts a patient', () => {
  it('a patient chooses texts for reminders and their own quiet hours; the section is axe-clean in English and Spanish', async () => {
    const tab = await openTab(browser, { viewport: PHONE_390, allowed: [/Failed to load resource: .*status of 401/] });
    tabs.push(tab);
    const { page, errors } = tab;
    await page.goto(`${server.baseUrl}/sign-in`);
    await waitForHeading(page, 'Sign in to your account', 1);
    await page.getByLabel('Email').fill(PATIENT.email);
    await page.getByLabel('Password').fill(PATIENT.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The preferences have their own page in the /my frame (issue 12's merge).
    await page.getByRole('navigation', { name: 'Your pages' }).getByRole('link', { name: 'Notices' }).click();
    await waitForHeading(page, 'How we contact you', 2);
    await expect.poll(() => page.getByText('Text messages go to +15125550133.').count()).toBe(1);
    expect(await axeAtWidths(page, 'notice preferences', [PHONE_390, DESKTOP])).toBe('');

    await page.getByLabel('Appointment reminders (2 days and 2 hours before)').selectOption('both');
    await page.getByLabel('Use my own quiet hours').check();
    await page.getByLabel('Quiet from').fill('22:00');
    await page.getByLabel('Quiet until').fill('07:30');
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => page.getByText('Your choices are saved.').count()).toBe(1);
    expect(await axeAtWidths(page, 'notice preferences saved', [PHONE_390, DESKTOP])).toBe('');
    await screenshot(page, 'notice-preferences-en');

    // The same choices, read back in Spanish after a reload.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.reload();
    await waitForHeading(page, 'Cómo nos comunicamos con usted', 2);
    expect(await page.getByLabel('Recordatorios de citas (2 días y 2 horas antes)').inputValue()).toBe('both');
    expect(await page.getByLabel('Silencio desde').inputValue()).toBe('22:00');
    expect(await axeAtWidths(page, 'preferencias de avisos', [PHONE_390, DESKTOP])).toBe('');
    await screenshot(page, 'notice-preferences-es');
    expect(errors).toEqual([]);
  });
});
