import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, expectAxeClean, launchChromium, openTab, PHONE, waitForHeading, type Tab } from './support/browser';
import { consoleShot, createAdmin, enrolTotp, signInWithPassword, type Account } from './support/console';
import { createStaff, seedVisitToday } from './support/fixtures';
import { startReliefServer, type RunningServer } from './support/relief-server';

// One journey, in order: the clinician who sees a patient opens the chart from
// the patient search; a clinician outside the patient's care is refused, gives
// a reason for emergency access and reads the chart under a time limit; an
// administrator reviews that access, then finds the patient by name in the
// audit log and sees who opened his chart.
const ADMIN: Account = { email: 'ada.admin@relief.example', name: 'Ada Admin', password: 'copper lantern river autumn' };
const OWN: Account = { email: 'own.doctor@relief.example', name: 'Own Doctor', password: 'morning rounds at the clinic' };
const COVER: Account = { email: 'cover.doctor@relief.example', name: 'Covering Doctor', password: 'on call for the weekend team' };
const PATIENT = { first: 'Tomás', last: 'Villarreal', dob: '1958-03-14', phone: '(512) 555-0142', email: 'tomas.villarreal@example.com' };
const REASON = 'Covering the on-call line: the patient called with new leg weakness after his injection.';

let server: RunningServer;
let browser: Browser;
const tabs: Tab[] = [];
let adminTab: Tab;

/** Console errors, minus the statuses the console handles on purpose: 401 (the first session check), 403 (a chart outside one's care) and 422 (a refusal shown at its field). */
async function newTab(): Promise<Tab> {
  const tab = await openTab(browser, { viewport: DESKTOP, allowed: [/Failed to load resource: .*status of (401|403|422)/] });
  tabs.push(tab);
  return tab;
}

async function signInAndEnrol(page: Page, who: Account, label: string, home: string): Promise<void> {
  await page.goto(`${server.baseUrl}/console`);
  await waitForHeading(page, 'Sign in to the staff console', 1);
  await signInWithPassword(page, who);
  await enrolTotp(page, label);
  await waitForHeading(page, home, 1);
}

/** From the console's navigation, finds the patient by last name and opens the chart. */
async function openChartFromSearch(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Patients' }).click();
  await waitForHeading(page, 'Patients', 1);
  await page.getByLabel('Find the patient').fill(PATIENT.last);
  await page.getByRole('status').filter({ hasText: '1 patient matches.' }).waitFor();
  await page.getByRole('link', { name: new RegExp(`^${PATIENT.first} ${PATIENT.last}`) }).click();
}

beforeAll(async () => {
  server = await startReliefServer({
    beforeStart: async (env) => {
      await createAdmin(env, ADMIN);
      const visit = await seedVisitToday(env, PATIENT);
      await createStaff(env, { ...OWN, role: 'clinician', practitioner: { id: visit.practitionerId } });
      // A psychologist at the clinic: never the practitioner of the seeded follow-up.
      await createStaff(env, { ...COVER, role: 'clinician', practitioner: { name: 'Dr. Rebecca Cho' } });
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const t of tabs) await t.context.close();
  await browser?.close();
  await server?.stop();
});

describe('patient chart', () => {
  it("the patient's own clinician finds him and reads his chart", async () => {
    const tab = await newTab();
    const { page } = tab;
    await signInAndEnrol(page, OWN, 'own-clinician', 'Schedule desk');
    await openChartFromSearch(page);
    await waitForHeading(page, `${PATIENT.first} ${PATIENT.last}`, 1);
    await page.getByText('March 14, 1958').waitFor();
    const visits = page.getByRole('region', { name: 'Visits' });
    await visits.getByRole('row', { name: /Follow-up visit/ }).getByText('Two weeks after a lumbar epidural injection.').waitFor();
    await page.getByText('Only the clinic.').waitFor();
    expect(await page.getByText(/^Emergency access until/).count()).toBe(0);
    // No patient name in the tab title or the browser history's title.
    expect(await page.title()).toBe('Patient chart · Relief Pain Clinics');
    await expectAxeClean(page, 'chart');
    await consoleShot(page, 'chart');
    await page.setViewportSize(PHONE);
    await consoleShot(page, 'chart-phone');
    await page.setViewportSize(DESKTOP);
    expect(tab.errors).toEqual([]);
  });

  it('a clinician outside his care is refused, gives a reason, and reads the chart for four hours', async () => {
    const tab = await newTab();
    const { page } = tab;
    await signInAndEnrol(page, COVER, 'covering-clinician', 'Schedule desk');
    await openChartFromSearch(page);
    await waitForHeading(page, 'This patient is not under your care', 1);
    for (const shown of ['March 14, 1958', PATIENT.phone, PATIENT.email]) expect(await page.getByText(shown).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Visits' }).count()).toBe(0);
    await expectAxeClean(page, 'chart: emergency access');
    await consoleShot(page, 'chart-break-glass');

    // Too short a reason is refused at the field; nothing opens.
    await page.getByLabel('Reason').fill('urgent');
    await page.getByRole('button', { name: 'Open the chart for four hours' }).click();
    await page.getByText('Say why you need this chart, in at least 10 characters.').waitFor();
    await expect.poll(() => page.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Reason').fill(REASON);
    await page.getByRole('button', { name: 'Open the chart for four hours' }).click();
    await waitForHeading(page, `${PATIENT.first} ${PATIENT.last}`, 1);
    const notice = page.getByRole('note').filter({ hasText: /^Emergency access until \d{1,2}:\d\d [AP]M( on [A-Z][a-z]+ \d{1,2}, \d{4})?\./ });
    await notice.waitFor();
    await notice.getByText('an administrator reviews this access').waitFor();
    await page.getByRole('region', { name: 'Visits' }).getByRole('row', { name: /Follow-up visit/ }).waitFor();
    await expectAxeClean(page, 'chart under emergency access');
    await consoleShot(page, 'chart-emergency');
    expect(tab.errors).toEqual([]);
  });

  it('an administrator sees the emergency access, whose chart it opened and why, and marks it reviewed', async () => {
    const tab = (adminTab = await newTab());
    const { page } = tab;
    await signInAndEnrol(page, ADMIN, 'admin-review', 'Accounts');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Break-glass review' }).click();
    await waitForHeading(page, 'Break-glass review', 1);
    const row = page.getByRole('row', { name: new RegExp(`${COVER.name}.*new leg weakness.*${PATIENT.first} ${PATIENT.last} Born March 14, 1958`) });
    await row.waitFor();
    await expectAxeClean(page, 'break-glass review');
    await consoleShot(page, 'break-glass-review');
    await row.getByRole('button', { name: new RegExp(`^Mark reviewed: ${COVER.name}`) }).click();
    await page.getByRole('status').filter({ hasText: `${COVER.name}'s emergency access is marked reviewed.` }).waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
    expect(tab.errors).toEqual([]);
  });

  it("the administrator finds the patient by name in the audit log and sees who opened his chart", async () => {
    const tab = adminTab;
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
    await waitForHeading(page, 'Audit log', 1);
    await page.getByLabel('Only one patient (optional)').fill(PATIENT.last);
    await page.getByRole('status').filter({ hasText: '1 patient matches.' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${PATIENT.first} ${PATIENT.last}`) }).click();
    await page.getByRole('group', { name: 'Patient' }).getByText(`${PATIENT.first} ${PATIENT.last}`).waitFor();
    await page.getByLabel('Action').selectOption('chart.read');
    await page.getByRole('button', { name: 'Show events' }).click();
    // Both clinicians' reads of his chart, and nobody else's record.
    // The table keeps the unfiltered rows until the answer comes: wait until every row is one of his chart reads.
    const reads = page.getByRole('row', { name: new RegExp(`chart\\.read.*${PATIENT.first} ${PATIENT.last}`) });
    await expect.poll(async () => (await page.getByRole('row').count()) - 1 - (await reads.count()), { timeout: 10_000 }).toBe(0);
    await page.getByRole('row', { name: new RegExp(`${COVER.name}.*chart\\.read.*Basis: emergency access`) }).waitFor();
    await page.getByRole('row', { name: new RegExp(`${OWN.name}.*chart\\.read.*Basis: care team`) }).waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('chart.read');
    await expectAxeClean(page, 'audit log of one patient');
    await consoleShot(page, 'audit-one-patient');
    // Back to any patient: the search box returns.
    await page.getByRole('button', { name: 'Any patient' }).click();
    await page.getByLabel('Only one patient (optional)').waitFor();
    expect(tab.errors).toEqual([]);
  });
});
