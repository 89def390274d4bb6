import { beforeAll, describe, expect, it } from 'vitest';
import { axeAtWidths, DESKTOP, PHONE_390, screenshot, waitForHeading } from './support/browser';
import { patientWithAccount, signInAsPatient, useJourney } from './support/journey';

// Issue 12, item 5: a patient chooses how the clinic reaches them (email, text
// or both per kind of notice) and their quiet hours, on their own page, in
// English and in Spanish; the section is axe-clean at 390 px and 1280 px.
const PATIENT = { first: 'Rosa', last: 'Quintero', email: 'rosa.quintero@example.com', password: 'el gato duerme en la ventana', dob: '1970-05-06', phone: '(512) 555-0133', language: 'en' } as const;

// 401: the account pages' own "am I signed in?" before signing in.
const journey = useJourney({ allowed: [/Failed to load resource: .*status of 401/] });

beforeAll(async () => {
  await patientWithAccount(journey, PATIENT, { fromDay: 7, reason: 'Lower back pain.' });
});

describe('issue 12: how the clinic contacts a patient', () => {
  it('a patient chooses texts for reminders and their own quiet hours; the section is axe-clean in English and Spanish', async () => {
    const { page, errors } = await journey.newTab(PHONE_390);
    await signInAsPatient(page, journey, PATIENT);
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
