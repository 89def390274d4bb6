import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeAtWidths, DESKTOP, PHONE_390, screenshot, waitForHeading, type Tab } from './support/browser';
import { firstStaffSignIn, type Account } from './support/console';
import { createStaff, seedVisitToday } from './support/fixtures';
import { patientWithAccount, signInAsPatient, useJourney } from './support/journey';
import { TINY_PNG } from './support/settings';

// Issue 12, the must-show journey of secure messages (the reschedule-inside-the-cutoff part is the lead's):
// a patient, reading Spanish, sends a scheduling question with a PDF and a photo; a front-desk user in
// another browser context sees the unread count rise without reloading, claims the conversation and
// replies with an attachment; the patient sees the reply arrive live and downloads it. Every new page
// is scanned with axe at 390 px and 1280 px.
const PATIENT = { first: 'Rosa', last: 'Delgado', email: 'rosa.delgado@example.com', password: 'sunflowers by the kitchen window', dob: '1961-07-09', phone: '(254) 555-0177', language: 'es' } as const;
const DESK: Account = { email: 'frida.desk@relief.example', name: 'Frida Desk', password: 'front desk keeps the day moving' };
const SUBJECT = 'Cambiar mi cita';
const QUESTION = '¿Puedo pasar mi consulta a una mañana de la próxima semana? Adjunto la orden del médico y una foto de la tarjeta del seguro.';
const REPLY = 'Hello Rosa, we can see you Tuesday morning. The attached letter has the details.';

/** A small, well-formed PDF (no JavaScript): what a scanned order looks like to the server's sniffing. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const LETTER = Buffer.from(PDF.toString().replace('200 200', '300 300'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const WIDTHS = [PHONE_390, DESKTOP] as const;

const journey = useJourney({
  // Console errors, minus the statuses the pages handle on purpose: 401 (no session yet) and 409/422 (a refusal shown at its field).
  allowed: [/Failed to load resource: .*status of (401|409|422)/],
  beforeStart: async (env) => {
    await createStaff(env, { ...DESK, role: 'front_desk' });
    // A follow-up three hours from now: inside its visit type's online change cutoff (24 hours by default).
    const soon = Math.ceil((Date.now() + 3 * 3_600_000) / 900_000) * 900_000;
    await seedVisitToday(env, PATIENT, { start: soon });
  },
});
const tabs: Record<'patient' | 'desk', Tab | undefined> = { patient: undefined, desk: undefined };

async function expectAxe(page: Page, label: string): Promise<void> {
  expect(await axeAtWidths(page, label, WIDTHS), `axe: ${label}`).toBe('');
}

beforeAll(async () => {
  // The patient booked online and created their account from the confirmation (booking.e2e.ts shows it in the browser).
  await patientWithAccount(journey, PATIENT, { fromDay: 2, reason: 'Dolor de espalda baja.' });
});

describe('secure messages', () => {
  it('the front desk signs in and opens the inbox, which is empty', async () => {
    const tab = (tabs.desk = await journey.newTab());
    const { page } = tab;
    await firstStaffSignIn(page, journey.server.baseUrl, DESK, 'messages-front-desk');
    await waitForHeading(page, 'Schedule desk', 1);
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Inbox', exact: true }).click();
    await waitForHeading(page, 'Inbox', 1);
    await page.getByRole('link', { name: 'Front desk: 0 unread, 0 unassigned' }).waitFor();
    await page.getByText('No conversations here.').waitFor();
    await expectAxe(page, 'console inbox (empty)');
    expect(tab.errors).toEqual([]);
  });

  it('the patient, in Spanish, sends a scheduling question with a PDF and a photo', async () => {
    const tab = (tabs.patient = await journey.newTab(PHONE_390));
    const { page } = tab;
    await signInAsPatient(page, journey, PATIENT);
    await waitForHeading(page, `Hello, ${PATIENT.first}`, 1);
    await page.getByRole('button', { name: 'Español', exact: true }).click();

    await page.getByRole('navigation', { name: 'Sus páginas' }).getByRole('link', { name: 'Mensajes' }).click();
    await waitForHeading(page, 'Mensajes', 1);
    await page.getByText('Viendo: su expediente').waitFor();
    await page.getByText('Todavía no tiene mensajes.').waitFor();
    await expectAxe(page, 'patient inbox (empty)');

    await page.getByRole('link', { name: 'Mensaje nuevo' }).click();
    await waitForHeading(page, 'Mensaje nuevo', 1);
    await page.getByRole('heading', { name: 'Los mensajes no son para emergencias', level: 2 }).waitFor();
    await page.getByText('En una emergencia llame al 911. En una crisis de salud mental llame o envíe un mensaje de texto al 988.').waitFor();
    await page.getByText('La clínica responde en un plazo de 2 días hábiles.').waitFor();
    await expectAxe(page, 'new message');

    // Sent empty: the summary takes focus and names each field in words.
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Elija de qué se trata su mensaje.' });
    await summary.waitFor();
    await summary.getByRole('link', { name: 'Escriba un asunto.' }).waitFor();
    await summary.getByRole('link', { name: 'Escriba su mensaje.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('error-summary');
    await expectAxe(page, 'new message (problems)');

    // A file the clinic does not take is refused in the browser, in words, before anything is sent.
    const files = page.getByLabel('Archivos adjuntos');
    await files.setInputFiles({ name: 'notas.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004') });
    await page.getByText('No se puede enviar notas.zip: solo se pueden adjuntar archivos PDF, JPEG y PNG.').waitFor();

    await page.getByRole('radio', { name: 'Citas' }).check();
    await page.getByRole('textbox', { name: 'Asunto' }).fill(SUBJECT);
    await page.getByLabel('Mensaje', { exact: true }).fill(QUESTION);
    await files.setInputFiles([
      { name: 'orden-medica.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'tarjeta-seguro.png', mimeType: 'image/png', buffer: TINY_PNG },
    ]);
    const chosen = page.getByRole('list', { name: 'Archivos para enviar' });
    await chosen.getByText('orden-medica.pdf', { exact: true }).waitFor();
    await chosen.getByText('tarjeta-seguro.png', { exact: true }).waitFor();
    await chosen.getByRole('button', { name: 'Quitar tarjeta-seguro.png' }).waitFor();
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();

    await waitForHeading(page, 'Conversación', 1);
    await page.getByRole('heading', { name: SUBJECT, level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Su mensaje fue enviado.' }).waitFor();
    const mine = page.getByRole('article', { name: `${PATIENT.first} ${PATIENT.last}` });
    await mine.getByText(QUESTION).waitFor();
    await mine.getByRole('link', { name: 'orden-medica.pdf' }).waitFor();
    await mine.getByRole('link', { name: 'tarjeta-seguro.png' }).waitFor();
    // The reply screen says it too.
    await page.getByRole('heading', { name: 'Los mensajes no son para emergencias', level: 2 }).waitFor();
    await expectAxe(page, 'conversation (patient)');
    await screenshot(page, 'messages-patient-sent');
    expect(tab.errors).toEqual([]);
  });

  it('the front desk sees the unread count rise without reloading, claims the conversation and replies with a letter', async () => {
    const tab = tabs.desk!;
    const { page } = tab;
    const nav = page.getByRole('navigation', { name: 'Console' });
    // No reload: the live feed refetches the counts and the list.
    await nav.getByRole('link', { name: 'Inbox 1 unread' }).waitFor();
    await page.getByRole('link', { name: 'Front desk: 1 unread, 1 unassigned' }).waitFor();
    await page.getByRole('link', { name: SUBJECT }).click();

    await waitForHeading(page, SUBJECT, 1);
    const aside = page.getByRole('complementary', { name: 'About this conversation' });
    await aside.locator('dd', { hasText: `${PATIENT.first} ${PATIENT.last}` }).waitFor();
    await aside.getByText('July 9, 1961').waitFor();
    const question = page.getByRole('article', { name: `${PATIENT.first} ${PATIENT.last}` });
    await question.getByText(QUESTION).waitFor();
    await page.getByRole('button', { name: 'Book a visit' }).waitFor();
    await expectAxe(page, 'conversation (staff)');

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('status').filter({ hasText: 'You have claimed this conversation.' }).waitFor();
    await aside.locator('dd', { hasText: DESK.name }).waitFor();

    const reply = page.getByRole('form', { name: 'Reply to the patient' });
    await reply.getByLabel('Message', { exact: true }).fill(REPLY);
    await reply.getByLabel('Attachments').setInputFiles({ name: 'cita-martes.pdf', mimeType: 'application/pdf', buffer: LETTER });
    await reply.getByRole('button', { name: 'Send', exact: true }).click();
    const sent = page.getByRole('article', { name: `${DESK.name} (Front desk)` });
    await sent.getByText(REPLY).waitFor();
    await sent.getByRole('link', { name: 'cita-martes.pdf' }).waitFor();
    // The new message takes focus, so a keyboard user continues from it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? '')).toMatch(/^msg-/);
    await expectAxe(page, 'conversation (staff, replied)');
    await screenshot(page, 'messages-desk-replied');
    expect(tab.errors).toEqual([]);
  });

  it('the patient sees the reply arrive live and downloads the letter', async () => {
    const tab = tabs.patient!;
    const { page } = tab;
    // Still on the conversation, never reloaded: the reply arrives through the live feed.
    const answer = page.getByRole('article', { name: `${DESK.name} (Recepción)` });
    await answer.getByText(REPLY).waitFor();
    await page.getByRole('status').filter({ hasText: 'Llegó un mensaje nuevo.' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), answer.getByRole('link', { name: 'cita-martes.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('cita-martes.pdf');
    const saved = await download.path();
    expect(sha256(fs.readFileSync(saved))).toBe(sha256(LETTER));
    await expectAxe(page, 'conversation (patient, reply)');

    await page.getByRole('link', { name: 'Volver a mensajes' }).click();
    await waitForHeading(page, 'Mensajes', 1);
    const row = page.getByRole('list', { name: 'Sus conversaciones, las más recientes primero' }).getByRole('listitem').filter({ hasText: SUBJECT });
    await row.getByText('Citas').waitFor();
    await expectAxe(page, 'patient inbox');
    await screenshot(page, 'messages-patient-inbox');
    expect(tab.errors).toEqual([]);
  });

  it('the patient tries to move a follow-up online inside its cutoff and is told to call the location, with its number', async () => {
    const { page } = tabs.patient!;
    await page.getByRole('navigation', { name: 'Sus páginas' }).getByRole('link', { name: 'Citas' }).click();
    const call = page.locator('.my-appointment-call').first();
    await call.waitFor();
    expect(await call.innerText()).toMatch(/^Falta muy poco para esta consulta para cambiarla en línea\. Para cancelarla o cambiarla, llame a .+ al \(\d{3}\) \d{3}-\d{4}\.$/);
    expect(await call.getByRole('link').getAttribute('href')).toMatch(/^tel:/);
    await expectAxe(page, 'patient appointments (inside the cutoff)');
  });
});
