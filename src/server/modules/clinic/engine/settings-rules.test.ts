import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, settingsProblems, type SettingsDocument } from './settings-rules.js';

/** A small valid clinic: two locations in one region, rooms, two visit types, two practitioners. */
function clinic(): SettingsDocument {
  const address = { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postalCode: '78701' };
  const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
  const visit = (code: string, en: string, roomCapability: 'exam' | 'fluoroscopy') => ({
    code, name: { en, es: `${en} (es)` }, description: { en: '', es: '' }, instructions: { en: '', es: '' }, durationMin: 30,
    bufferBeforeMin: 0, bufferAfterMin: 0, roomCapability, slotStepMin: 15, online: 'staff_only' as const, cancelCutoffMin: 1440,
    minNoticeMin: 120, horizonDays: 90, cptCodes: [], active: true,
  });
  const person = (name: string, schedule: SettingsDocument['practitioners'][number]['schedule']) => ({
    name, credentials: 'MD', role: 'physician' as const, languages: ['en' as const], bio: { en: '', es: '' }, visitTypes: ['consult', 'esi'], schedule, active: true,
  });
  return {
    regions: [{ name: 'Central' }],
    locations: [
      { slug: 'north', name: 'North', region: 'Central', address, phone: '(512) 555-0101', fax: '', timeZone: 'America/Chicago', hours: weekdays('08:00', '17:00'), active: true,
        rooms: [{ name: 'Exam 1', capabilities: ['exam'], active: true }, { name: 'Fluoro', capabilities: ['fluoroscopy'], active: true }] },
      { slug: 'south', name: 'South', region: 'Central', address, phone: '(512) 555-0102', fax: '', timeZone: 'America/Chicago', hours: weekdays('07:30', '12:00'), active: true,
        rooms: [{ name: 'Exam 1', capabilities: ['exam'], active: true }] },
    ],
    holidays: [{ date: '2026-12-25', name: 'Christmas Day', location: null }, { date: '2026-12-24', name: 'Christmas Eve', location: 'south' }],
    visitTypes: [visit('consult', 'Consultation', 'exam'), visit('esi', 'Epidural steroid injection', 'fluoroscopy')],
    practitioners: [
      person('Dr. Ada North', [
        { location: 'north', weekday: 1, start: '08:00', end: '12:00', validFrom: null, validTo: '2026-12-31' },
        { location: 'north', weekday: 1, start: '07:00', end: '11:00', validFrom: '2027-01-01', validTo: null },
        { location: 'south', weekday: 1, start: '12:00', end: '17:00', validFrom: null, validTo: null },
      ]),
      person('Dr. Ben South', [{ location: 'north', weekday: 1, start: '08:00', end: '12:00', validFrom: null, validTo: null }]),
    ],
  };
}

type Change = (d: SettingsDocument) => void;
const fields = (d: SettingsDocument) => settingsProblems(d).map((p) => `${p.field} ${p.reason}`).sort();

describe('the settings engine', () => {
  it('finds nothing wrong with a valid clinic (the same day at two locations by two people, and a new schedule from a given day)', () => {
    expect(settingsProblems(clinic())).toEqual([]);
  });

  it.each<[string, Change, string[]]>([
    ['an unknown time zone', (d) => void (d.locations[1]!.timeZone = 'America/Austin'), ['locations[1].timeZone time_zone_unknown']],
    ['a time zone in the wrong case', (d) => void (d.locations[0]!.timeZone = 'america/chicago'), ['locations[0].timeZone time_zone_unknown']],
    ['opening at closing time', (d) => void (d.locations[0]!.hours[2] = { weekday: 3, opens: '17:00', closes: '17:00' }), ['locations[0].hours[2] hours_reversed']],
    ['opening after closing', (d) => void (d.locations[1]!.hours[0] = { weekday: 1, opens: '12:00', closes: '07:30' }), ['locations[1].hours[0] hours_reversed']],
    ['overlapping hours on one weekday', (d) => void d.locations[0]!.hours.push({ weekday: 2, opens: '16:30', closes: '19:00' }), ['locations[0].hours[5] hours_overlap']],
    ['a second block the same day that only touches the first (not an overlap)', (d) => void d.locations[0]!.hours.push({ weekday: 2, opens: '17:00', closes: '19:00' }), []],
    ['a practitioner at two places at once (across locations)', (d) => void d.practitioners[0]!.schedule.push({ location: 'south', weekday: 1, start: '11:00', end: '13:00', validFrom: null, validTo: null }),
      ['practitioners[0].schedule[3] schedule_overlap']],
    ['a one-month entry inside the dates of an open-ended one', (d) => void d.practitioners[0]!.schedule.push({ location: 'north', weekday: 1, start: '09:00', end: '10:00', validFrom: '2026-01-01', validTo: '2026-01-31' }),
      ['practitioners[0].schedule[3] schedule_overlap']],
    ['the same hours at another location from the day after the first ends (not an overlap)', (d) => {
      d.practitioners[1]!.schedule[0]!.validTo = '2026-12-31';
      d.practitioners[1]!.schedule.push({ location: 'south', weekday: 1, start: '08:00', end: '12:00', validFrom: '2027-01-01', validTo: null });
    }, []],
    ['ranges sharing one day', (d) => void (d.practitioners[0]!.schedule[0]!.validTo = '2027-01-01'), ['practitioners[0].schedule[1] schedule_overlap']],
    ['valid from after valid to', (d) => void Object.assign(d.practitioners[1]!.schedule[0]!, { validFrom: '2027-02-01', validTo: '2027-01-31' }), ['practitioners[1].schedule[0].validTo dates_reversed']],
    ['a schedule entry that ends before it starts', (d) => void Object.assign(d.practitioners[1]!.schedule[0]!, { start: '12:00', end: '08:00' }), ['practitioners[1].schedule[0] hours_reversed']],
    ['a visit type needing a capability no room has', (d) => void (d.visitTypes[1]!.roomCapability = 'therapy_gym'), ['visitTypes[1].roomCapability no_room_with_capability']],
    ['the only fluoroscopy room deactivated', (d) => void (d.locations[0]!.rooms[1]!.active = false), ['visitTypes[1].roomCapability no_room_with_capability']],
    ['the location of the only fluoroscopy room deactivated (and its hours still in schedules)', (d) => void (d.locations[0]!.active = false),
      ['practitioners[0].schedule[0].location location_unavailable', 'practitioners[0].schedule[1].location location_unavailable', 'practitioners[1].schedule[0].location location_unavailable', 'visitTypes[1].roomCapability no_room_with_capability']],
    ['an inactive visit type needing a missing room (no problem: it is not booked)', (d) => void Object.assign(d.visitTypes[1]!, { roomCapability: 'therapy_gym', active: false }),
      ['practitioners[0].visitTypes[1] visit_type_unavailable', 'practitioners[1].visitTypes[1] visit_type_unavailable']],
    ['a practitioner performing an unknown visit type', (d) => void d.practitioners[1]!.visitTypes.push('pump-refill'), ['practitioners[1].visitTypes[2] visit_type_unavailable']],
    ['a practitioner working at an unknown location', (d) => void (d.practitioners[1]!.schedule[0]!.location = 'east'), ['practitioners[1].schedule[0].location location_unavailable']],
    ['an inactive practitioner may keep an inactive visit type (no problem)', (d) => {
      d.visitTypes.push({ ...d.visitTypes[0]!, code: 'old', name: { en: 'Old visit', es: 'Visita antigua' }, active: false });
      d.practitioners[1]!.visitTypes.push('old');
      d.practitioners[1]!.active = false;
    }, []],
    ['a location naming an unknown region', (d) => void (d.locations[1]!.region = 'Hill Country'), ['locations[1].region region_unknown']],
    ['a holiday naming an unknown location', (d) => void (d.holidays[1]!.location = 'east'), ['holidays[1].location location_unavailable']],
    ['the same day closed twice at one location', (d) => void d.holidays.push({ date: '2026-12-24', name: 'Closed', location: 'south' }), ['holidays[2].date holiday_duplicate']],
    ['the same day closed everywhere and at one location (no problem)', (d) => void d.holidays.push({ date: '2026-12-25', name: 'Closed', location: 'south' }), []],
    ['duplicate region names', (d) => void d.regions.push({ name: ' central ' }), ['regions[0].name duplicate_name', 'regions[1].name duplicate_name']],
    ['duplicate location slugs', (d) => void d.locations.push({ ...d.locations[1]!, slug: 'north', name: 'North Annex' }), ['locations[0].slug duplicate_name', 'locations[2].slug duplicate_name']],
    ['a slug renamed while hours and closures still name the old one', (d) => void (d.locations[1]!.slug = 'south-1'), ['holidays[1].location location_unavailable', 'practitioners[0].schedule[2].location location_unavailable']],
    ['duplicate location names', (d) => void (d.locations[1]!.name = 'NORTH'), ['locations[0].name duplicate_name', 'locations[1].name duplicate_name']],
    ['duplicate room names within a location', (d) => void d.locations[0]!.rooms.push({ name: 'exam 1', capabilities: ['consult'], active: false }),
      ['locations[0].rooms[0].name duplicate_name', 'locations[0].rooms[2].name duplicate_name']],
    ['the same room name at two locations (no problem)', (d) => void (d.locations[1]!.rooms[0]!.name = 'Fluoro'), []],
    ['duplicate visit type codes', (d) => void d.visitTypes.push({ ...d.visitTypes[1]!, code: 'consult', name: { en: 'Another', es: 'Otra' } }), ['visitTypes[0].code duplicate_name', 'visitTypes[2].code duplicate_name']],
    ['duplicate visit type English names', (d) => void (d.visitTypes[1]!.name.en = 'Consultation'), ['visitTypes[0].name.en duplicate_name', 'visitTypes[1].name.en duplicate_name']],
    ['duplicate practitioner names', (d) => void (d.practitioners[1]!.name = 'Dr. Ada North'), ['practitioners[0].name duplicate_name', 'practitioners[1].name duplicate_name']],
  ])('%s', (_name, change, expected) => {
    const d = clinic();
    change(d);
    expect(fields(d)).toEqual([...expected].sort());
  });

  it('names every problem at once, each with words, and leaves its input as it was', () => {
    const d = clinic();
    d.locations[0]!.timeZone = 'Mars/Olympus_Mons';
    d.locations[1]!.hours.push({ weekday: 5, opens: '11:00', closes: '13:00' });
    d.visitTypes[0]!.roomCapability = 'consult';
    d.practitioners[1]!.name = 'Dr. Ada North';
    const before = JSON.stringify(d);
    const problems = settingsProblems(d);
    expect(JSON.stringify(d)).toBe(before);
    expect(problems.map((p) => p.reason).sort()).toEqual(['duplicate_name', 'duplicate_name', 'hours_overlap', 'no_room_with_capability', 'time_zone_unknown']);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
    expect(problems.find((p) => p.reason === 'hours_overlap')!.message).toBe('Friday 11:00-13:00 overlaps hours[4] (Friday 07:30-12:00)');
  });

  it('finds nothing in an empty clinic', () => {
    expect(settingsProblems({ regions: [], locations: [], holidays: [], visitTypes: [], practitioners: [] })).toEqual([]);
  });

  it.each([['America/Chicago', true], ['UTC', true], ['Europe/Madrid', true], ['America/Austin', false], ['', false], ['Local', false]])('knows the time zone %s: %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});
