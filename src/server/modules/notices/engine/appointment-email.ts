/**
 * Appointment notices sent outside the portal. They carry no health details:
 * no visit type, reason, practitioner specialty or procedure; only when,
 * where, the confirmation code and a link (DESIGN "Notifications").
 */
export type NoticeKind = 'booked' | 'rescheduled' | 'cancelled';

export interface NoticeData {
  kind: NoticeKind;
  language: 'en' | 'es';
  clinicName: string;
  firstName: string;
  start: number;
  timeZone: string;
  locationName: string;
  locationAddress: string;
  locationPhone: string;
  manageUrl: string;
  confirmationCode: string | null;
}

const TEXT = {
  en: {
    subject: { booked: 'Your appointment is confirmed', rescheduled: 'Your appointment has been moved', cancelled: 'Your appointment has been cancelled' },
    hello: (n: string) => `Hello ${n},`,
    lead: { booked: 'your appointment is confirmed for', rescheduled: 'your appointment is now on', cancelled: 'your appointment has been cancelled. It was scheduled for' },
    where: 'Location',
    code: 'Confirmation code',
    manage: 'View, change or cancel',
    call: (p: string) => `Questions? Call the front desk at ${p}.`,
    arrive: 'Please arrive 15 minutes early with your photo ID, insurance card and a list of your medicines.',
  },
  es: {
    subject: { booked: 'Su cita está confirmada', rescheduled: 'Su cita ha cambiado', cancelled: 'Su cita ha sido cancelada' },
    hello: (n: string) => `Hola ${n}:`,
    lead: { booked: 'su cita está confirmada para el', rescheduled: 'su cita ahora es el', cancelled: 'su cita ha sido cancelada. Estaba programada para el' },
    where: 'Ubicación',
    code: 'Código de confirmación',
    manage: 'Ver, cambiar o cancelar',
    call: (p: string) => `¿Preguntas? Llame a recepción al ${p}.`,
    arrive: 'Por favor llegue 15 minutos antes con su identificación con foto, su tarjeta de seguro y una lista de sus medicamentos.',
  },
} as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Building an Intl formatter costs far more than using one: keep one per language and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(start: number, timeZone: string, language: 'en' | 'es'): string {
  const key = `${language}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
      timeZone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f.format(start);
}

export function renderAppointmentNotice(d: NoticeData): { subject: string; text: string; html: string } {
  const t = TEXT[d.language];
  const when = formatWhen(d.start, d.timeZone, d.language);
  const subject = `${d.clinicName}: ${t.subject[d.kind]}`;
  const lines = [
    t.hello(d.firstName),
    '',
    `${t.lead[d.kind]} ${when}.`,
    '',
    `${t.where}: ${d.locationName}, ${d.locationAddress}`,
    ...(d.confirmationCode ? [`${t.code}: ${d.confirmationCode}`] : []),
    ...(d.kind !== 'cancelled' ? ['', t.arrive, '', `${t.manage}: ${d.manageUrl}`] : []),
    '',
    t.call(d.locationPhone),
    '',
    d.clinicName,
  ];
  const html = `<!doctype html><html lang="${d.language}"><body>${lines
    .map((l) => (l === '' ? '<br>' : `<p>${escapeHtml(l)}</p>`))
    .join('')}</body></html>`;
  return { subject, text: lines.join('\n'), html };
}
