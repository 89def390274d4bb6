import { describe, expect, it } from 'vitest';
import { LANGUAGES, type RenderContext } from './notice-layout.js';
import { hasSmsText, renderNotice, renderSms, TEMPLATE_NAMES, type TemplateName, type TemplateParams } from './templates.js';

/**
 * Every registered template in both languages (issue 10, must show). The
 * samples are typed by the registry, so a new template does not compile until
 * it has one here, and the loops below then cover it.
 */
const ctx: RenderContext = { clinicName: 'Relief Pain Clinics', publicUrl: 'https://clinic.example/relief' };
const appointment = {
  firstName: 'Rosa', start: Date.UTC(2026, 11, 1, 15, 30), timeZone: 'America/Chicago', locationName: 'Round Rock',
  locationAddress: '100 Main St, Round Rock, TX', locationPhone: '(512) 555-0100', appointmentId: '0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11',
  confirmationCode: 'J9X42AHG',
};
const { confirmationCode: _code, ...reminder } = appointment;
const SAMPLES: { [K in TemplateName]: TemplateParams[K][] } = {
  'appointment.booked': [appointment],
  // Issue 11: a moved visit names whom it is with now.
  'appointment.rescheduled': [appointment, { ...appointment, practitionerName: 'Dr. Elena Ortiz' }],
  'appointment.cancelled': [{ ...appointment, confirmationCode: null }],
  // Issue 12: the reminders 48 h and 2 h before a visit.
  'appointment.reminder': [{ ...reminder, hoursBefore: 48 }, { ...reminder, hoursBefore: 2 }],
  'account.activation_code': [{ firstName: 'Rosa', code: '042917' }],
  'account.password_reset': [{ token: 'tok-reset_123' }],
  'account.staff_invitation': [{ displayName: 'Dana Whit', token: 'tok-invite_123' }],
  'account.caregiver_invitation': [{ displayName: 'Luis', token: 'tok-care_123' }, { displayName: 'Luis', token: null }],
  'account.signup_existing': [{}],
  'referrer.approved': [{ displayName: 'Dr. Lena Park' }],
  'waitlist.offer': [{
    firstName: 'Rosa', start: appointment.start, timeZone: appointment.timeZone, locationName: appointment.locationName, locationAddress: appointment.locationAddress,
    locationPhone: appointment.locationPhone, expiresAt: Date.UTC(2026, 10, 30, 20), token: 'tok-offer_123',
  }],
  'appointment_request.received': [{ firstName: 'Rosa' }],
  'message.new': [{ firstName: 'Rosa', threadId: '4d2c8f1e-9a7b-4c3d-8e5f-6a1b2c3d4e5f' }],
};

/** Values that are not shown as text: a zone id decides how the time is written. */
const NOT_TEXT = new Set(['timeZone']);
/** Values used only inside links (a cancellation links to booking, not to the visit). */
const NOT_SHOWN = new Set(['timeZone', 'appointmentId', 'threadId']);
const HOSTILE = '<script>alert("x")</script>&<img src=x onerror=alert(1)>';
/** The same params with every text value carrying markup, as a patient's name could. */
function hostile<P>(p: P): P {
  return Object.fromEntries(Object.entries(p as object).map(([k, v]) => [k, typeof v === 'string' && !NOT_TEXT.has(k) ? `${v}${HOSTILE}` : v])) as P;
}
const LEFTOVER = /\$\{|\{\{|\}\}|undefined|null|NaN|\[object Object\]/;
const LINK = /https?:\/\/[^\s"<>]+/g;

const cases = TEMPLATE_NAMES.flatMap((name) => (SAMPLES[name] as object[]).map((params, i) => ({ name, params, label: `${name} #${i + 1}` })));
const render = (name: TemplateName, params: object, language: 'en' | 'es') => renderNotice(name, params as never, language, ctx);

describe('notice templates', () => {
  it('has samples for exactly the registered templates', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  for (const { name, params, label } of cases) {
    it(`${label}: renders in English and Spanish, fully, and differently`, () => {
      const en = render(name, params, 'en');
      const es = render(name, params, 'es');
      for (const [language, r] of [['en', en], ['es', es]] as const) {
        expect(r.subject, `${language} subject`).toMatch(/^Relief Pain Clinics: \S/);
        for (const part of [r.subject, r.text, r.html]) expect(part, `${language}: a placeholder is left`).not.toMatch(LEFTOVER);
        expect(r.html).toContain(`<html lang="${language}">`);
        for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && !NOT_SHOWN.has(k)) expect(r.text).toContain(v);
      }
      expect(es.subject).not.toBe(en.subject);
      expect(es.text).not.toBe(en.text);
      // Spanish is written with its accents and the "usted" form, not machine-flattened.
      expect(es.text + es.subject).toMatch(/[áéíóúñ¿]|usted|\bsu\b/i);
    });

    it(`${label}: every link is under PUBLIC_URL and the token survives intact`, () => {
      for (const language of LANGUAGES) {
        const r = render(name, params, language);
        const links = [...r.text.matchAll(LINK)].map((m) => m[0]);
        expect(links.length, 'a notice gives the reader somewhere to go').toBeGreaterThan(0);
        for (const href of links) expect(href.startsWith(`${ctx.publicUrl}/`), href).toBe(true);
        for (const v of Object.values(params)) if (typeof v === 'string' && v.startsWith('tok-')) expect(links.some((l) => l.endsWith(`/${v}`))).toBe(true);
      }
    });

    it(`${label}: markup in any value is escaped in the HTML`, () => {
      for (const language of LANGUAGES) {
        const r = render(name, hostile(params), language);
        expect(r.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
        const hrefs = [...r.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
        for (const href of hrefs) expect(href.startsWith(`${ctx.publicUrl}/`), href).toBe(true);
        // A token with markup in it stays inside its own path segment.
        for (const href of hrefs) expect(href).not.toMatch(/[<>"]/);
      }
    });
  }

  it('carries no health details in appointment notices', () => {
    for (const name of ['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled', 'appointment.reminder', 'waitlist.offer'] as const) {
      for (const language of LANGUAGES) expect(render(name, SAMPLES[name][0]!, language).text.replaceAll(ctx.clinicName, '')).not.toMatch(/pain|surgery|consult|lumbar|inyecci|dolor/i);
    }
  });

  it('issue 12: the text messages say when, where and whom to call, in both languages, with no health detail or code', () => {
    const withSms = TEMPLATE_NAMES.filter(hasSmsText);
    expect(withSms.sort()).toEqual(['appointment.booked', 'appointment.cancelled', 'appointment.reminder', 'appointment.rescheduled', 'message.new', 'waitlist.offer']);
    expect(renderSms('account.password_reset', SAMPLES['account.password_reset'][0]!, 'en', ctx)).toBeNull();
    for (const name of withSms) {
      for (const params of SAMPLES[name] as object[]) {
        const en = renderSms(name, params as never, 'en', ctx)!;
        const es = renderSms(name, params as never, 'es', ctx)!;
        expect(en).not.toBe(es);
        for (const text of [en, es]) {
          expect(text.startsWith('Relief Pain Clinics: ')).toBe(true);
          // A visit's text says whom to call; a new message's says only where to read it.
          if (name === 'message.new') expect(text).toContain('/my/messages/');
          else expect(text).toContain(appointment.locationPhone);
          expect(text).not.toMatch(LEFTOVER);
          expect(text).not.toContain(appointment.confirmationCode);
          expect(text.replaceAll(ctx.clinicName, '')).not.toMatch(/<|pain|surgery|consult|inyecci|dolor|Ortiz/i);
          // Two segments at most (306 characters in GSM-7, fewer with accents): a reminder is read at a glance.
          expect(text.length).toBeLessThanOrEqual(320);
        }
        expect(es).toMatch(/[áéíóúñ¿]|\bsu\b/);
      }
    }
  });

  it('issue 12: a request received names no visit type or health detail, and links to the patient\'s appointments', () => {
    for (const language of LANGUAGES) {
      const r = render('appointment_request.received', SAMPLES['appointment_request.received'][0]!, language);
      expect(r.text).toContain(`${ctx.publicUrl}/my/appointments`);
      expect(r.text.replaceAll(ctx.clinicName, '')).not.toMatch(/pain|dolor|injection|inyecci|therapy|terapia|consult/i);
    }
  });

  it('issue 11: tells an approved referrer to sign in, with no patient, referral or health detail', () => {
    for (const language of LANGUAGES) {
      const r = render('referrer.approved', SAMPLES['referrer.approved'][0]!, language);
      expect(r.text).toContain(`${ctx.publicUrl}/console/sign-in`);
      expect(r.text.replaceAll(ctx.clinicName, '')).not.toMatch(/patient|paciente|referral|pain|dolor|record|expediente/i);
    }
  });

  it('issue 12: says a message waits, from the clinic, with a link to it and no content', () => {
    for (const language of LANGUAGES) {
      const r = render('message.new', SAMPLES['message.new'][0]!, language);
      expect(r.text).toContain(language === 'en' ? 'You have a new message from Relief Pain Clinics.' : 'Tiene un mensaje nuevo de Relief Pain Clinics.');
      expect(r.text).toContain(`${ctx.publicUrl}/my/messages/4d2c8f1e-9a7b-4c3d-8e5f-6a1b2c3d4e5f`);
      expect(r.text.replaceAll(ctx.clinicName, '')).not.toMatch(/pain|dolor|medic|schedul|billing|factur|subject|asunto/i);
    }
  });
});
