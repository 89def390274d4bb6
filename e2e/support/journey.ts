import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { AvailabilityResponse, BookingResponse, Slot } from '../../src/shared/contracts/booking';
import type { VisitType } from '../../src/shared/contracts/clinic';
import { addDays, localDateOf } from '../../src/shared/time';
import { launchChromium, openTab, waitForHeading, type Tab } from './browser';
import { signInWithPassword } from './console';
import { startMailSink, type MailSink } from './mail';
import { startReliefServer, type RunningServer, type ServerOptions } from './relief-server';

/** The demo clinic's zone: the days a journey books are counted in it. */
const CLINIC_ZONE = 'America/Chicago';

export interface JourneyOptions extends ServerOptions {
  /** A local mail sink, the server's SMTP_URL pointing at it, to read the links it emails. */
  mail?: boolean;
  /** Console errors of the statuses this journey's pages handle on purpose (401 before signing in, a refusal shown at its field). */
  allowed: readonly RegExp[];
}

/** What every journey runs in: the server, Chromium, the tabs it opened; started before the file's tests, all closed after. */
export interface Journey {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Only with `mail: true`. */
  readonly mail: MailSink;
  /** A new tab (its own browser context), closed with the journey; desktop width unless told. */
  newTab(viewport?: { width: number; height: number }): Promise<Tab>;
  /** A JSON call to the server, as the website makes it (a POST carries its own Idempotency-Key). */
  api<T>(path: string, body?: unknown): Promise<T>;
}

/** Registers the journey's beforeAll and afterAll; call it at the top of a journey file, before its own hooks. */
export function useJourney(opts: JourneyOptions): Journey {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let mail: MailSink | undefined;
  const tabs: Tab[] = [];
  const started = <T>(what: string, v: T | undefined): T => {
    if (v === undefined) throw new Error(`the journey has no ${what}${what === 'mail sink' ? ' (useJourney({ mail: true }))' : ' yet'}`);
    return v;
  };

  beforeAll(async () => {
    if (opts.mail) mail = await startMailSink();
    const env = { ...opts.env, ...(mail ? { SMTP_URL: mail.url } : {}) };
    // Only what the journey asks for: a reused server (E2E_BASE_URL) refuses any set-up of its own.
    server = await startReliefServer({ ...(Object.keys(env).length ? { env } : {}), ...(opts.beforeStart ? { beforeStart: opts.beforeStart } : {}) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const t of tabs) await t.context.close();
    await browser?.close();
    await server?.stop();
    await mail?.close();
  });

  const journey: Journey = {
    get server() {
      return started('server', server);
    },
    get browser() {
      return started('browser', browser);
    },
    get mail() {
      return started('mail sink', mail);
    },
    async newTab(viewport) {
      const tab = await openTab(started('browser', browser), { ...(viewport ? { viewport } : {}), allowed: opts.allowed });
      tabs.push(tab);
      return tab;
    },
    async api<T>(path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${journey.server.baseUrl}${path}`, body === undefined ? {} : {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
  return journey;
}

/** A patient as the booking form takes them, with the password their account gets. */
export interface OnlinePatient {
  first: string;
  last: string;
  email: string;
  password: string;
  dob: string;
  phone: string;
  language: 'en' | 'es';
}

/** The demo clinic's new-patient consultation and its open times from `fromDay` days ahead to 30 days ahead. */
export async function consultOpenings(j: Journey, fromDay: number): Promise<{ consult: VisitType; availability: AvailabilityResponse }> {
  const consult = (await j.api<{ items: VisitType[] }>('/api/visit-types')).items.find((v) => v.code === 'new-patient-consult');
  if (!consult) throw new Error('the demo clinic has no new-patient consultation');
  const today = localDateOf(Date.now(), CLINIC_ZONE);
  const availability = await j.api<AvailabilityResponse>(`/api/availability?visitType=${consult.id}&from=${addDays(today, fromDay)}&to=${addDays(today, 30)}`);
  return { consult, availability };
}

/** Books `slot` online for `patient`, as the website's booking form does. */
export function bookOnline(j: Journey, consult: VisitType, slot: Slot, patient: Omit<OnlinePatient, 'password'>, reason: string): Promise<BookingResponse> {
  return j.api<BookingResponse>('/api/appointments', {
    visitTypeId: consult.id, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start, reason,
    patient: { firstName: patient.first, lastName: patient.last, dateOfBirth: patient.dob, phone: patient.phone, email: patient.email, preferredLanguage: patient.language },
  });
}

/** Creates the patient's account from a booking's confirmation, as the confirmation page offers. */
export async function activateAccount(j: Journey, booking: BookingResponse, who: { email: string; password: string }): Promise<void> {
  await j.api('/api/account/activate', { appointmentId: booking.appointment.id, code: booking.confirmationCode, email: who.email, password: who.password });
}

/**
 * A patient who booked the first open consultation from `fromDay` days ahead
 * online and created their account from the confirmation (booking.e2e.ts
 * shows both in the browser).
 */
export async function patientWithAccount(j: Journey, patient: OnlinePatient, opts: { fromDay: number; reason: string }): Promise<{ consult: VisitType; booking: BookingResponse }> {
  const { consult, availability } = await consultOpenings(j, opts.fromDay);
  const slot = availability.firstAvailable;
  if (!slot) throw new Error('no opening in the next 30 days');
  const booking = await bookOnline(j, consult, slot, patient, opts.reason);
  await activateAccount(j, booking, patient);
  return { consult, booking };
}

/** Opens the patients' sign-in page and signs in with a password. */
export async function signInAsPatient(page: Page, j: Journey, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${j.server.baseUrl}/sign-in`);
  await waitForHeading(page, 'Sign in to your account', 1);
  await signInWithPassword(page, who);
}
