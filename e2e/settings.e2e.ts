import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../src/shared/contracts/booking';
import type { ClinicDocument } from '../src/shared/contracts/clinic-settings';
import { addDays, localDateOf, weekdayOf } from '../src/shared/time';
import { DESKTOP, launchChromium, openTab, PHONE_390, waitForHeading, type Tab } from './support/browser';
import { createAdmin, enrolTotp, signInWithPassword, type Account } from './support/console';
import { startReliefServer, type RunningServer } from './support/relief-server';
import { expectSettingsPageClean, settingsShot, TINY_PNG } from './support/settings';

/**
 * Issue 11, must show: a fresh install without the demo seed becomes a clinic
 * patients can book, set up only in the console's settings pages; a later
 * change of hours lists the booked visit it leaves outside them. One journey,
 * in order: each step builds on the one before.
 */
const ADMIN: Account = { email: 'rosa.admin@hillcountry.example', name: 'Rosa Admin', password: 'granite meadow lantern violet' };
const CLINIC = 'Hill Country Pain Care';
const ZONE = 'America/Chicago';
const LOCATIONS = [
  { name: 'Riverside Clinic', slug: 'riverside', line1: '1200 Riverside Drive', city: 'Austin', zip: '78704', phone: '(512) 555-0110', room: 'Exam 1' },
  { name: 'Lakeway Clinic', slug: 'lakeway', line1: '45 Lakeway Boulevard', city: 'Lakeway', zip: '78734', phone: '(512) 555-0120', room: 'Exam A' },
] as const;
const DOCTOR = 'Dr. Maya Lin';
const VISIT = { en: 'New patient consultation', es: 'Consulta de paciente nuevo', code: 'new-patient-consult' };
const PATIENT = { first: 'Jorge', last: 'Salinas', email: 'jorge.salinas@example.com' };
const DESK: Account = { email: 'lupe.desk@hillcountry.example', name: 'Lupe Desk', password: 'orchard copper sparrow tide' };
/** Monday, Wednesday and Friday at Riverside; Tuesday and Thursday at Lakeway. */
const WEEK: [number, 0 | 1][] = [[1, 0], [2, 1], [3, 0], [4, 1], [5, 0]];

// The console answers some requests with a refusal it shows on purpose: the first session check (401), a refused field (422), online booking before set-up (409 or 422).
const HANDLED = [/Failed to load resource: .*status of (401|409|422)/];

let server: RunningServer;
let browser: Browser;
let admin: Tab;
const state: { booked?: Appointment; code?: string; bookedWeekday?: number; deskLink?: string } = {};

const settingsNav = (page: Page) => page.getByRole('navigation', { name: 'Clinic settings' });
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first();

async function openSettings(page: Page, link: string, heading: string): Promise<void> {
  await settingsNav(page).getByRole('link', { name: link, exact: true }).click();
  await waitForHeading(page, heading, 1);
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The schedule rows of one group ("Current schedule", "From ..."). */
function scheduleGroup(page: Page, title: string | RegExp): Locator {
  return page.locator('.schedule-group').filter({ has: page.getByRole('heading', { name: title, level: 3 }) });
}

beforeAll(async () => {
  server = await startReliefServer({
    env: { RELIEF_SEED: 'none' },
    // An empty database: the first administrator is made as an operator would, and nothing else is there.
    beforeStart: (env) => createAdmin(env, ADMIN),
  });
  browser = await launchChromium();
  admin = await openTab(browser, { viewport: DESKTOP, allowed: HANDLED });
});

// A failed step leaves a picture of the admin's page: what the server said is on it.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && admin) await settingsShot(admin.page, `failed-${ctx.task.name}`);
});

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await server?.stop();
});

describe('a clinic set up in the console (issue 11)', () => {
  it('the first administrator signs in and is asked to name the clinic; online booking stays closed until set-up is done', async () => {
    const { page } = admin;
    // Nothing is bookable on a fresh install.
    expect((await api<{ items: unknown[] }>('/api/locations')).items).toEqual([]);
    await page.goto(`${server.baseUrl}/console`);
    await waitForHeading(page, 'Sign in to the staff console', 1);
    await signInWithPassword(page, ADMIN);
    await enrolTotp(page, 'settings-admin');

    await waitForHeading(page, 'Set-up checklist', 1);
    expect(new URL(page.url()).pathname).toBe('/console/admin/settings');
    await waitForHeading(page, 'First, name your clinic', 2);
    await expectSettingsPageClean(page, 'settings: first run');
    // The name is required: refused at the field, with an error summary that takes focus and links to it.
    await page.getByRole('button', { name: 'Save the name' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: 'Clinic name: Fill this in.' }).click();
    expect(await page.getByLabel('Clinic name').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Clinic name').fill(CLINIC);
    await page.getByRole('button', { name: 'Save the name' }).click();
    await status(page, `The clinic is now called ${CLINIC}.`).waitFor();
    // The name's form gives way to the checklist, and the reader is moved to it.
    const steps = page.getByRole('heading', { name: /^Steps done: 1 of \d+$/, level: 2 });
    await steps.waitFor();
    await expect.poll(() => steps.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('Online booking is closed: patients cannot book on the website yet.').waitFor();
    await page.getByText(/^Online booking can open once every step above is done\./).waitFor();
    // Refused until ready, with the reason in words.
    await page.getByRole('button', { name: 'Open online booking' }).click();
    await page.getByRole('alert').filter({ hasText: 'Online booking can open once every step of the set-up checklist is done.' }).waitFor();
    await expectSettingsPageClean(page, 'settings: checklist');
    expect(admin.errors).toEqual([]);
  });

  it('fills in the organization and its logo', async () => {
    const { page } = admin;
    await openSettings(page, 'Organization', 'Organization');
    expect(await page.getByLabel('Clinic name').inputValue()).toBe(CLINIC);
    await page.getByLabel('Main phone').fill('(512) 555-0100');
    await page.getByLabel('Billing phone').fill('555');
    await page.getByLabel('Website address').fill('hillcountry.example');
    await page.getByRole('button', { name: 'Save organization' }).click();
    // Both refusals are named, each at its field, in words.
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Billing phone: Enter a phone number such as (512) 555-0100.' }).waitFor();
    await summary.getByRole('link', { name: 'Website address: Enter a web address that starts with https://' }).waitFor();
    expect(await page.getByLabel('Billing phone').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Billing phone').fill('(512) 555-0101');
    await page.getByLabel('Website address').fill('https://hillcountry.example');
    await page.getByRole('button', { name: 'Save organization' }).click();
    await status(page, 'Saved.').waitFor();

    await page.getByLabel('Logo image').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByRole('img', { name: 'The chosen logo' }).waitFor();
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await status(page, 'The logo is saved.').waitFor();
    await page.getByText('A logo is on file. Upload another to replace it.').waitFor();
    await expectSettingsPageClean(page, 'settings: organization');
    expect(admin.errors).toEqual([]);
  });

  it('adds a region and two locations with their opening hours and rooms', async () => {
    const { page } = admin;
    await openSettings(page, 'Locations and rooms', 'Regions and locations');
    await page.getByText('Add a region below first: every location belongs to one.').waitFor();
    await page.getByLabel('New region name').fill('Central Texas');
    await page.getByRole('button', { name: 'Add region' }).click();
    await status(page, 'Region Central Texas added.').waitFor();

    for (const [i, l] of LOCATIONS.entries()) {
      await page.getByRole('link', { name: 'Add a location' }).click();
      await waitForHeading(page, 'New location', 1);
      await page.getByLabel('Location name').fill(l.name);
      await page.getByLabel('Web address name').fill(l.slug);
      await page.getByLabel('Street address').fill(l.line1);
      await page.getByLabel('City').fill(l.city);
      await page.getByLabel('ZIP code').fill(i === 0 ? '787' : l.zip);
      await page.getByLabel('Front desk phone').fill(l.phone);
      expect(await page.getByLabel('Time zone').inputValue()).toBe(ZONE);
      expect(await page.getByLabel('Time zone').locator('option').first().textContent()).toBe(ZONE);
      if (i === 0) {
        // Monday with a lunch break, copied to the other weekdays.
        await page.getByLabel('Monday, hours 1: Closes').fill('12:00');
        await page.getByRole('button', { name: 'Add hours on Monday' }).click();
        await page.getByLabel('Monday, hours 2: Opens').fill('13:00');
        await page.getByLabel('Monday, hours 2: Closes').fill('17:00');
        await page.getByRole('button', { name: "Copy Monday's hours to Tuesday through Friday" }).click();
        expect(await page.getByLabel('Friday, hours 2: Opens').inputValue()).toBe('13:00');
        await expectSettingsPageClean(page, 'settings: new location');
      }
      await page.getByRole('button', { name: 'Create location' }).click();
      if (i === 0) {
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.getByRole('link', { name: 'ZIP code: Enter a ZIP code such as 78756.' }).click();
        expect(await page.getByLabel('ZIP code').evaluate((el) => el === document.activeElement)).toBe(true);
        await page.getByLabel('ZIP code').fill(l.zip);
        await page.getByRole('button', { name: 'Create location' }).click();
      }
      await waitForHeading(page, `Location: ${l.name}`, 1);
      await status(page, `Location ${l.name} created. Add its rooms below.`).waitFor();
      await waitForHeading(page, `Rooms at ${l.name}`, 2);

      // A room must be equipped for something.
      await page.getByLabel('New room name').fill(l.room);
      await page.getByRole('button', { name: 'Add room' }).click();
      await page.getByRole('alert').filter({ hasText: 'Choose at least one thing the room is equipped for.' }).first().waitFor();
      await page.getByRole('group', { name: 'The new room is equipped for' }).getByLabel('Exam').check();
      await page.getByRole('button', { name: 'Add room' }).click();
      await status(page, `Room ${l.room} added.`).waitFor();
      await waitForHeading(page, l.room, 3);
      if (i === 0) await expectSettingsPageClean(page, 'settings: location with rooms');
      await page.getByRole('link', { name: 'All locations' }).click();
      await waitForHeading(page, 'Regions and locations', 1);
    }
    for (const l of LOCATIONS) await page.getByRole('link', { name: l.name, exact: true }).waitFor();
    await expectSettingsPageClean(page, 'settings: locations');
    expect(admin.errors).toEqual([]);
  });

  it('adds a closure, a visit type anyone may book online, and a practitioner with weekly hours at both locations', async () => {
    const { page } = admin;
    await openSettings(page, 'Holidays and closures', 'Holidays and closures');
    const later = addDays(localDateOf(Date.now(), ZONE), 200);
    await page.getByLabel('Name', { exact: true }).fill('Staff training');
    await page.getByLabel('Date', { exact: true }).fill(later);
    await page.getByLabel('Where').selectOption({ label: LOCATIONS[1].name });
    await page.getByRole('button', { name: 'Add closure' }).click();
    await status(page, 'Staff training added.').waitFor();
    await page.getByRole('row', { name: new RegExp(`Staff training.*${LOCATIONS[1].name}`) }).waitFor();
    await expectSettingsPageClean(page, 'settings: holidays');

    await openSettings(page, 'Visit types', 'Visit types');
    await page.getByRole('link', { name: 'Add a visit type' }).click();
    await waitForHeading(page, 'New visit type', 1);
    await page.getByLabel('Name in English').fill(VISIT.en);
    await page.getByLabel('Name in Spanish').fill(VISIT.es);
    await page.getByLabel('Code', { exact: true }).fill(VISIT.code);
    await page.getByLabel('Instructions for the patient in English').fill('Bring your imaging reports and a list of your medicines.');
    await page.getByLabel('Instructions for the patient in Spanish').fill('Traiga sus estudios de imagen y la lista de sus medicamentos.');
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Room needed').selectOption({ label: 'Exam' });
    await page.getByRole('radio', { name: 'Anyone, new patients too' }).check();
    await page.getByLabel('CPT codes').fill('99204');
    await expectSettingsPageClean(page, 'settings: new visit type');
    await page.getByRole('button', { name: 'Create visit type' }).click();
    await waitForHeading(page, VISIT.en, 1);
    await status(page, `Visit type ${VISIT.en} created.`).waitFor();

    await openSettings(page, 'Practitioners', 'Practitioners');
    await page.getByRole('link', { name: 'Add a practitioner' }).click();
    await waitForHeading(page, 'New practitioner', 1);
    await page.getByLabel('Name', { exact: true }).fill(DOCTOR);
    await page.getByLabel('Credentials').fill('MD');
    await page.getByLabel('Role').selectOption({ label: 'Physician' });
    await page.getByRole('group', { name: 'Languages spoken with patients' }).getByLabel('Spanish').check();
    await page.getByRole('group', { name: 'Visit types performed' }).getByLabel(VISIT.en).check();
    await page.getByLabel('Biography in English').fill('Interventional pain physician.');
    await page.getByLabel('Biography in Spanish').fill('Médica especialista en dolor intervencionista.');
    const current = scheduleGroup(page, 'Current schedule');
    for (const [n, [weekday, loc]] of WEEK.entries()) {
      await page.getByRole('button', { name: 'Add hours to the current schedule' }).click();
      const row = `Current schedule, row ${n + 1}: `;
      await current.getByLabel(`${row}Location`).selectOption({ label: LOCATIONS[loc].name });
      await current.getByLabel(`${row}Day`).selectOption(String(weekday));
      await current.getByLabel(`${row}Starts`).fill('08:00');
      await current.getByLabel(`${row}Ends`).fill('17:00');
    }
    await expectSettingsPageClean(page, 'settings: new practitioner');
    await page.getByRole('button', { name: 'Create practitioner' }).click();
    await waitForHeading(page, DOCTOR, 1);
    await status(page, `${DOCTOR} added. Their working hours are below.`).waitFor();
    expect(await current.locator('.schedule-row').count()).toBe(WEEK.length);

    await openSettings(page, 'Practitioners', 'Practitioners');
    await page.getByRole('row', { name: new RegExp(`${DOCTOR}.*Physician.*${LOCATIONS[0].name}, ${LOCATIONS[1].name}`) }).waitFor();
    await expectSettingsPageClean(page, 'settings: practitioners');
    await openSettings(page, 'Visit types', 'Visit types');
    await page.getByRole('row', { name: new RegExp(`${VISIT.en}.*60 minutes.*Anyone, new patients too`) }).waitFor();
    await expectSettingsPageClean(page, 'settings: visit types');
    expect(admin.errors).toEqual([]);
  });

  it('opens online booking once every step is done, and sees it open', async () => {
    const { page } = admin;
    await openSettings(page, 'Set-up checklist', 'Set-up checklist');
    const steps = page.getByRole('heading', { name: /^Steps done: (\d+) of \1$/, level: 2 });
    await steps.waitFor();
    expect(await page.getByText('Not done yet').count()).toBe(0);
    await page.getByRole('button', { name: 'Open online booking' }).click();
    await status(page, 'Online booking is now open.').waitFor();
    await page.getByText('Online booking is open: patients can book on the website.').waitFor();
    await page.getByRole('button', { name: 'Close online booking' }).waitFor();
    await expectSettingsPageClean(page, 'settings: checklist, open');
    const visitTypes = await api<{ items: { code: string; bookableOnline: boolean }[] }>('/api/visit-types');
    expect(visitTypes.items.find((v) => v.code === VISIT.code)?.bookableOnline).toBe(true);
    expect(admin.errors).toEqual([]);
  });

  it('a patient books the visit on the public booking page, on a phone', async () => {
    const tab = await openTab(browser, { viewport: PHONE_390 });
    const { page } = tab;
    await page.goto(`${server.baseUrl}/book`);
    await waitForHeading(page, 'Where would you like to be seen?');
    await page.getByRole('button', { name: 'Any location' }).click();
    await waitForHeading(page, 'Who would you like to see?');
    await page.getByRole('button', { name: 'Any provider' }).click();
    await page.getByRole('button', { name: /^First available: / }).click();
    await waitForHeading(page, 'Your details');
    await page.getByLabel('First name', { exact: true }).fill(PATIENT.first);
    await page.getByLabel('Last name', { exact: true }).fill(PATIENT.last);
    await page.getByLabel('Date of birth', { exact: true }).fill('1970-05-20');
    await page.getByLabel('Phone', { exact: true }).fill('(512) 555-0177');
    await page.getByLabel('Email', { exact: true }).fill(PATIENT.email);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByLabel('Reason for visit', { exact: true }).fill('Low back pain for a year after surgery.');
    await page.getByLabel('How did you hear about us?').selectOption({ label: 'Internet search' });
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await waitForHeading(page, 'You are booked', 1);
    const url = new URL(page.url());
    const id = /^\/appointments\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
    expect(id).toBeTruthy();
    state.code = url.searchParams.get('code') ?? '';
    state.booked = await api<Appointment>(`/api/appointments/${id}?code=${state.code}`);
    state.bookedWeekday = weekdayOf(localDateOf(Date.parse(state.booked.start), ZONE));
    expect(WEEK.map(([w]) => w)).toContain(state.bookedWeekday);
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it("changes the practitioner's hours from today so the booked visit no longer fits, and is shown that visit", async () => {
    const { page } = admin;
    const booked = state.booked!;
    await openSettings(page, 'Practitioners', 'Practitioners');
    await page.getByRole('link', { name: DOCTOR, exact: true }).click();
    await waitForHeading(page, DOCTOR, 1);

    // A new schedule from today: the current hours end yesterday and a copy starts today, without the visit's weekday.
    const today = localDateOf(Date.now(), ZONE);
    await page.getByLabel('Starting on').fill(addDays(today, -1));
    await page.getByRole('button', { name: 'Start a new schedule' }).click();
    await page.getByText('The new schedule can start today or later.').waitFor();
    await page.getByLabel('Starting on').fill(today);
    await page.getByRole('button', { name: 'Start a new schedule' }).click();
    await status(page, /^New schedule from .+: change its hours below, then save\.$/).waitFor();
    const fresh = scheduleGroup(page, /^Current schedule$/);
    const rows = fresh.locator('.schedule-row');
    expect(await rows.count()).toBe(WEEK.length);
    for (let n = (await rows.count()) - 1; n >= 0; n--) {
      const day = await rows.nth(n).getByLabel(/Day$/).inputValue();
      if (Number(day) === state.bookedWeekday) await rows.nth(n).getByRole('button', { name: /^Remove/ }).click();
    }
    expect(await rows.count()).toBe(WEEK.length - 1);
    await page.getByText(`Earlier hours kept as they were: ${WEEK.length}.`).waitFor();
    await page.getByRole('button', { name: 'Save practitioner' }).click();

    await status(page, 'Saved. 1 booked visit no longer fits: it is listed below.').waitFor();
    await waitForHeading(page, '1 booked visit no longer fits', 2);
    const list = page.getByRole('region', { name: '1 booked visit no longer fits' });
    await list.getByText('It was not moved or cancelled: handle it at the desk.').waitFor();
    // Left as it was: still booked, with the same practitioner and time.
    const still = await api<Appointment>(`/api/appointments/${booked.id}?code=${state.code}`);
    expect([still.status, still.start, still.practitionerId]).toEqual([booked.status, booked.start, booked.practitionerId]);
    const item = list.getByRole('listitem').filter({ hasText: `${PATIENT.first} ${PATIENT.last}` });
    await item.waitFor();
    const when = await page.evaluate(
      ([iso, zone]) => new Intl.DateTimeFormat('en-US', { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso!)),
      [booked.start, ZONE],
    );
    await item.getByText(when).waitFor();
    await item.getByText(DOCTOR).waitFor();
    await item.getByText(VISIT.en).waitFor();
    await item.getByText('Outside the new working hours').waitFor();
    const desk = await item.getByRole('link', { name: /^Open the desk on that day/ }).getAttribute('href');
    expect(desk).toBe(`/console?loc=${booked.locationId}&date=${localDateOf(Date.parse(booked.start), ZONE)}`);
    state.deskLink = desk!;
    await expectSettingsPageClean(page, 'settings: practitioner, visit left outside');

    // The same page and list in Spanish.
    await page.getByRole('button', { name: 'Español', exact: true }).click();
    await waitForHeading(page, '1 cita reservada ya no encaja', 2);
    await page.getByRole('region', { name: '1 cita reservada ya no encaja' }).getByText('Fuera del nuevo horario de trabajo').waitFor();
    await waitForHeading(page, 'Horario de trabajo', 2);
    await expectSettingsPageClean(page, 'settings: practitioner, visit left outside (es)');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await waitForHeading(page, 'Working hours', 2);
    expect(admin.errors).toEqual([]);
  });

  it('the front desk opens the listed visit on the desk; clinic settings are neither shown nor open to them', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Accounts' }).click();
    await waitForHeading(page, 'Accounts', 1);
    await page.getByLabel('Email', { exact: true }).fill(DESK.email);
    await page.getByLabel('Full name').fill(DESK.name);
    await page.getByLabel('Role').selectOption({ label: 'Front desk' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const invite = await page.getByRole('textbox', { name: 'Invitation link', exact: true }).inputValue();

    const tab = await openTab(browser, { viewport: DESKTOP, allowed: HANDLED });
    const desk = tab.page;
    await desk.goto(invite);
    await waitForHeading(desk, 'Set up your account', 1);
    await desk.getByLabel('New password').fill(DESK.password);
    await desk.getByRole('button', { name: 'Save password and continue' }).click();
    await enrolTotp(desk, 'settings-front-desk');
    await waitForHeading(desk, 'Schedule desk', 1);
    const nav = desk.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Schedule desk' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Clinic settings' }).count()).toBe(0);

    // The link from the list of visits left outside: the desk on that day, with the visit on it.
    await desk.goto(`${server.baseUrl}${state.deskLink}`);
    await waitForHeading(desk, 'Schedule desk', 1);
    await desk.getByRole('main').getByText(new RegExp(`${PATIENT.first} ${PATIENT.last}|${PATIENT.last}, ${PATIENT.first}`)).first().waitFor();

    // Refused, on the page and by the server.
    await desk.goto(`${server.baseUrl}/console/admin/settings`);
    await waitForHeading(desk, 'Not available for your role', 1);
    expect(await desk.getByRole('navigation', { name: 'Clinic settings' }).count()).toBe(0);
    for (const [method, url] of [['GET', '/api/admin/clinic'], ['GET', '/api/admin/clinic/setup'], ['GET', '/api/admin/clinic/export']] as const) {
      expect((await desk.request.fetch(`${server.baseUrl}${url}`, { method })).status(), `${method} ${url}`).toBe(403);
    }
    expect(tab.errors).toEqual([]);
    await tab.context.close();
  });

  it('exports the settings, and an invalid document is refused with every problem named', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Clinic settings' }).click();
    await waitForHeading(page, 'Set-up checklist', 1);
    await openSettings(page, 'Export and import', 'Export and import');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the settings' }).click()]);
    const doc = JSON.parse(await streamText(await download.createReadStream())) as ClinicDocument;
    expect(doc.format).toBe('relief.clinic-settings');
    expect(doc.organization.name).toBe(CLINIC);
    expect(doc.locations.map((l) => l.slug).sort()).toEqual(['lakeway', 'riverside']);
    await status(page, 'The settings document is downloaded.').waitFor();

    // An unknown time zone and a duplicate location name: both named, nothing changed.
    const bad: ClinicDocument = { ...doc, locations: doc.locations.map((l, i) => ({ ...l, timeZone: i === 0 ? 'Mars/Olympus_Mons' : l.timeZone, name: LOCATIONS[0].name })) };
    await page.getByLabel('Settings document (JSON)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByRole('button', { name: 'Import the settings' }).click();
    const refused = page.getByRole('alert').filter({ hasText: /^The document was refused: \d+ problems?/ });
    await refused.waitFor();
    await refused.getByText('Nothing was changed. Correct the document and import it again.').waitFor();
    await refused.getByText(/timeZone/).first().waitFor();
    await refused.getByText(/name/).first().waitFor();
    await expectSettingsPageClean(page, 'settings: import refused');
    const after = await api<{ items: { name: string; timeZone: string }[] }>('/api/locations');
    expect(after.items.map((l) => l.name).sort()).toEqual([LOCATIONS[1].name, LOCATIONS[0].name].sort());
    expect(after.items.every((l) => l.timeZone === ZONE)).toBe(true);

    // A document with a new region and without Lakeway (nor its hours and closure) is accepted: the region is
    // counted as created, and Lakeway, which the server has and the document does not name, is listed and left as it is.
    const next: ClinicDocument = {
      ...doc,
      regions: [...doc.regions, { name: 'Hill Country West' }],
      locations: doc.locations.filter((l) => l.slug !== 'lakeway'),
      holidays: doc.holidays.filter((h) => h.location !== 'lakeway'),
      practitioners: doc.practitioners.map((p) => ({ ...p, schedule: p.schedule.filter((e) => e.location !== 'lakeway') })),
    };
    await page.getByLabel('Settings document (JSON)').setInputFiles({ name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
    await page.getByRole('button', { name: 'Import the settings' }).click();
    await status(page, /^Imported: [1-9]\d* created, \d+ updated\.$/).waitFor();
    expect(await refused.count()).toBe(0);
    const missing = page.getByRole('heading', { name: /^Not in the document \(\d+\)$/, level: 3 });
    await missing.waitFor();
    await page.getByRole('listitem').filter({ hasText: /^location lakeway$/ }).first().waitFor();
    expect((await api<{ items: { name: string }[] }>('/api/locations')).items.map((l) => l.name)).toContain(LOCATIONS[1].name);
    await expectSettingsPageClean(page, 'settings: import accepted');
    expect(admin.errors).toEqual([]);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks).toString('utf8');
}
