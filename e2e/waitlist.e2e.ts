import { beforeAll, describe, expect, it } from 'vitest';
import type { Slot } from '../src/shared/contracts/booking';
import { expectAxeClean, PHONE_390, waitForHeading } from './support/browser';
import { firstStaffSignIn } from './support/console';
import { createStaff } from './support/fixtures';
import { activateAccount, bookOnline, consultOpenings, signInAsPatient, useJourney } from './support/journey';

// Issue 12 in the browser: a patient asks for an earlier visit and makes a
// calendar address on her appointments page; when an earlier time opens (a
// cancellation), the emailed offer link opens a page that accepts it; the
// front desk sees the offer accepted. Every new page is scanned with axe.
const PATIENT = { first: 'Rosa', last: 'Espera', email: 'rosa.espera@example.com', password: 'the quiet garden by the river', dob: '1961-02-03', phone: '(512) 555-0177', language: 'en' } as const;
const OTHER = { first: 'Omar', last: 'Early', email: 'omar.early@example.com', dob: '1970-06-07', phone: '(512) 555-0178', language: 'en' } as const;
const DESK = { email: 'dana.desk@relief.test', name: 'Dana Desk', password: 'front desk phones ring all day' };

const journey = useJourney({
  mail: true,
  allowed: [/Failed to load resource: .*status of (401|409|422)/],
  beforeStart: async (env) => {
    await createStaff(env, { ...DESK, role: 'front_desk' });
  },
});
let earlier: { id: string; code: string };

beforeAll(async () => {
  // She holds the practitioner's last open consultation; someone else holds the first, which will open.
  const { consult, availability } = await consultOpenings(journey, 3);
  const first = availability.firstAvailable!;
  const same = (s: Slot) => s.practitionerId === first.practitionerId && s.locationId === first.locationId;
  const late = availability.slots.filter(same).at(-1)!;
  const mine = await bookOnline(journey, consult, late, PATIENT, 'Back pain after surgery.');
  const other = await bookOnline(journey, consult, first, OTHER, 'Back pain after surgery.');
  earlier = { id: other.appointment.id, code: other.confirmationCode };
  await activateAccount(journey, mine, PATIENT);
});

describe('issue 12: the earlier-visit waitlist and the calendar feed', () => {
  it('a patient asks for an earlier visit and makes a calendar address; an opened time is offered by email and accepted; the desk sees it', async () => {
    const { page, errors } = await journey.newTab(PHONE_390);
    await signInAsPatient(page, journey, PATIENT);
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
    await journey.api(`/api/appointments/${earlier.id}/cancel`, { code: earlier.code, reason: 'Travelling' });
    const offer = await journey.mail.waitFor(PATIENT.email, /earlier appointment time/i, 60_000);
    const link = /https?:\/\/\S+\/waitlist\/offers\/[A-Za-z0-9_-]+/.exec(offer.text)![0];
    const offerTab = await journey.newTab(PHONE_390);
    await offerTab.page.goto(new URL(new URL(link).pathname, journey.server.baseUrl).href);
    await waitForHeading(offerTab.page, 'An earlier appointment time', 1);
    await expectAxeClean(offerTab.page, 'offer page');
    await offerTab.page.getByRole('button', { name: 'Accept this earlier time' }).click();
    await offerTab.page.getByText(/Done\. Your appointment is now on/).waitFor();
    await expectAxeClean(offerTab.page, 'offer accepted');

    const desk = await journey.newTab();
    await firstStaffSignIn(desk.page, journey.server.baseUrl, DESK, 'desk-waitlist');
    await desk.page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Waitlist' }).click();
    await waitForHeading(desk.page, 'Waitlist offers', 1);
    await desk.page.getByRole('cell', { name: 'Accepted' }).first().waitFor();
    await expectAxeClean(desk.page, 'console waitlist offers');
    expect([...errors, ...offerTab.errors, ...desk.errors]).toEqual([]);
  });
});
