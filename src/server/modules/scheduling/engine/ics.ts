/**
 * A minimal iCalendar (RFC 5545) event. Lines end in CRLF and are folded at 75
 * octets (3.1); text values are escaped (3.3.11); times are UTC (3.3.5 form 2).
 */
export interface IcsEvent {
  uid: string;
  start: number;
  end: number;
  stamp: number;
  summary: string;
  location: string;
  description: string;
  status?: 'CONFIRMED' | 'CANCELLED';
  sequence?: number;
}

const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function escapeIcsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

export function foldIcsLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(e: IcsEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART:${utc(e.start)}`,
    `DTEND:${utc(e.end)}`,
    `SUMMARY:${escapeIcsText(e.summary)}`,
    `LOCATION:${escapeIcsText(e.location)}`,
    `DESCRIPTION:${escapeIcsText(e.description)}`,
    `STATUS:${e.status ?? 'CONFIRMED'}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    'END:VEVENT',
  ];
}

const HEADER = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Relief//Appointments//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];

export function buildIcs(e: IcsEvent): string {
  const lines = [...HEADER, ...eventLines(e), 'END:VCALENDAR'];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/**
 * A calendar of many events (a patient's feed, issue 12), named for the
 * subscriber's calendar app (X-WR-CALNAME, widely read though not in RFC 5545).
 */
export function buildIcsCalendar(name: string, events: readonly IcsEvent[]): string {
  const lines = [...HEADER, `X-WR-CALNAME:${escapeIcsText(name)}`, ...events.flatMap(eventLines), 'END:VCALENDAR'];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
