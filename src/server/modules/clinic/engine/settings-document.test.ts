import { describe, expect, it } from 'vitest';
import type { ClinicDocument, ClinicSettings } from '../../../../shared/contracts/clinic-settings.js';
import { documentOf, mergeDocument, setupStatus, toDocument } from './settings-document.js';
import { settingsProblems } from './settings-rules.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A clinic of one location, one room, one visit type and one practitioner who works there: every step done. */
function settings(): ClinicSettings {
  return {
    organization: { id: id(1), name: 'Hill Country Pain', mainPhone: '', billingPhone: '', websiteUrl: '', hasLogo: false, onlineBooking: false, replyBusinessDays: 2, smsQuietHours: { start: '21:00', end: '08:00' } },
    regions: [{ id: id(2), name: 'Central' }],
    locations: [{
      id: id(3), slug: 'north', name: 'North', regionId: id(2), address: { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postalCode: '78701' },
      phone: '(512) 555-0101', fax: '', timeZone: 'America/Chicago', hours: [{ weekday: 1, opens: '08:00', closes: '17:00' }], active: true,
      rooms: [{ id: id(4), name: 'Exam 1', capabilities: ['exam'], active: true }],
    }],
    holidays: [{ id: id(5), date: '2026-12-25', name: 'Christmas Day', locationId: null }],
    visitTypes: [{
      id: id(6), code: 'consult', name: { en: 'Consultation', es: 'Consulta' }, description: { en: '', es: '' }, instructions: { en: '', es: '' },
      durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, roomCapability: 'exam', slotStepMin: 15, online: 'anyone', cancelCutoffMin: 1440,
      minNoticeMin: 120, horizonDays: 90, cptCodes: [], active: true,
    }],
    practitioners: [{
      id: id(7), name: 'Dr. Ada North', credentials: 'MD', role: 'physician', languages: ['en', 'es'], bio: { en: '', es: '' }, visitTypeIds: [id(6)],
      schedule: [{ locationId: id(3), weekday: 1, start: '08:00', end: '12:00', validFrom: null, validTo: null }], active: true,
    }],
  };
}

let next = 100;
const newId = () => id(next++);

describe('the settings as a document', () => {
  it('names every reference by its natural key and carries no ids', () => {
    const doc = documentOf(settings(), null);
    expect(doc.locations[0]!.region).toBe('Central');
    expect(doc.practitioners[0]!.visitTypes).toEqual(['consult']);
    expect(doc.practitioners[0]!.schedule[0]!.location).toBe('north');
    expect(JSON.stringify(doc)).not.toMatch(/00000000-0000-4000/);
  });

  it('importing its own document into the settings changes nothing and lists nothing as missing', () => {
    const s = settings();
    const { merged, notInDocument } = mergeDocument(s, documentOf(s, null), newId);
    expect(merged).toEqual(s);
    expect(notInDocument).toEqual([]);
  });

  it('matches rows by natural key (names case aside), puts the document first and keeps rows it does not name after them', () => {
    const s = settings();
    s.locations.push({ ...s.locations[0]!, id: id(8), slug: 'south', name: 'South', rooms: [] });
    const doc: ClinicDocument = documentOf(s, null);
    doc.locations = [doc.locations[0]!];
    doc.locations[0]!.rooms.push({ name: 'Exam 2', capabilities: ['exam'], active: true });
    doc.practitioners[0]!.name = 'DR. ADA NORTH';
    doc.regions.unshift({ name: 'Hill Country' });
    const { merged, notInDocument } = mergeDocument(s, doc, newId);
    expect(merged.regions.map((r) => r.name)).toEqual(['Hill Country', 'Central']);
    expect(merged.regions[1]!.id).toBe(id(2));
    expect(merged.locations.map((l) => l.id)).toEqual([id(3), id(8)]);
    expect(merged.locations[0]!.rooms.map((r) => r.name)).toEqual(['Exam 1', 'Exam 2']);
    expect(merged.practitioners).toHaveLength(1);
    expect(merged.practitioners[0]).toMatchObject({ id: id(7), name: 'DR. ADA NORTH' });
    expect(notInDocument).toEqual(['location south']);
  });

  it('keeps a reference the settings cannot resolve, so the engine names it at the path of the document', () => {
    const doc = documentOf(settings(), null);
    doc.practitioners[0]!.schedule[0]!.location = 'east';
    doc.practitioners[0]!.visitTypes.push('pump-refill');
    doc.holidays[0]!.location = 'west';
    const { merged } = mergeDocument(settings(), doc, newId);
    expect(settingsProblems(toDocument(merged)).map((p) => `${p.field} ${p.message}`)).toEqual([
      'holidays[0].location names the location "west", which is not one of the locations',
      'practitioners[0].visitTypes[1] "pump-refill" is not one of the visit types',
      'practitioners[0].schedule[0].location "east" is not one of the locations',
    ]);
  });
});

describe('the set-up checklist', () => {
  const stepsOf = (s: ClinicSettings) => setupStatus(s).steps.filter((x) => !x.done).map((x) => x.step);

  it('is ready when every step is done', () => {
    expect(setupStatus(settings())).toMatchObject({ ready: true, onlineBooking: false });
  });

  it.each<[string, (s: ClinicSettings) => void, string[]]>([
    ['an unnamed organization', (s) => void (s.organization.name = ' '), ['organization']],
    ['no location at all', (s) => void (s.locations = []), ['locations', 'hours', 'rooms', 'practitioner_hours']],
    ['only inactive locations', (s) => void (s.locations[0]!.active = false), ['locations', 'hours', 'rooms', 'practitioner_hours']],
    ['an active location without hours', (s) => void (s.locations[0]!.hours = []), ['hours']],
    ['an active location whose only room is inactive', (s) => void (s.locations[0]!.rooms[0]!.active = false), ['rooms']],
    ['no active visit type', (s) => void (s.visitTypes[0]!.active = false), ['visit_types', 'practitioners', 'practitioner_hours']],
    ['no practitioner', (s) => void (s.practitioners = []), ['practitioners', 'practitioner_hours']],
    ['a practitioner without hours', (s) => void (s.practitioners[0]!.schedule = []), ['practitioner_hours']],
  ])('is not ready with %s', (_name, change, missing) => {
    const s = settings();
    change(s);
    expect(stepsOf(s)).toEqual(missing);
    expect(setupStatus(s).ready).toBe(false);
  });
});
