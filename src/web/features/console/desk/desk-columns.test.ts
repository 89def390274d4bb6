import { describe, expect, it } from 'vitest';
import type { DeskAppointment, ScheduleResponse } from '../../../../shared/contracts/staff';
import { dayColumns, groupByRoom, knownCapabilities, roomsOf } from './desk-columns';

// 2 December 2026 in Chicago (CST, UTC-6): 09:00 local is 15:00Z.
const DAY = '2026-12-02';
const ORTIZ = 'p-ortiz';
const LEE = 'p-lee';
const EXAM = 'r-exam-1';
const FLUORO = 'r-fluoro';
const GONE = 'r-retired';

function visit(id: string, practitionerId: string, roomId: string, start: string, end: string, status: DeskAppointment['status'] = 'booked'): DeskAppointment {
  return {
    id,
    status,
    start,
    end,
    practitionerId,
    roomId,
    locationId: 'loc',
    visitTypeId: 'vt',
    reason: '',
    bookedVia: 'staff',
    heardAbout: null,
    referringDoctor: null,
    cancelReason: null,
    patient: { id: `pt-${id}`, firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1970-01-01', phone: '', email: '' },
  };
}

const schedule: ScheduleResponse = {
  locationId: 'loc',
  timeZone: 'America/Chicago',
  from: DAY,
  to: DAY,
  practitioners: [
    { id: ORTIZ, name: 'Dr. Elena Ortiz', credentials: 'MD', hours: [{ start: '08:00', end: '12:00' }] },
    { id: LEE, name: 'Sam Lee', credentials: 'PA-C', hours: [{ start: '11:00', end: '17:00' }] },
  ],
  rooms: [
    { id: EXAM, name: 'Exam 1', capabilities: ['exam', 'consult'] },
    { id: FLUORO, name: 'Fluoro Suite', capabilities: ['fluoroscopy', 'laser'] },
  ],
  appointments: [
    visit('esi', ORTIZ, FLUORO, '2026-12-02T15:00:00Z', '2026-12-02T15:30:00Z'), // 09:00-09:30
    visit('fu', LEE, EXAM, '2026-12-02T18:00:00Z', '2026-12-02T18:30:00Z'), // 12:00-12:30
    visit('old', LEE, FLUORO, '2026-12-02T20:00:00Z', '2026-12-02T20:30:00Z', 'cancelled'), // 14:00-14:30
  ],
  blocks: [{ id: 'b1', practitionerId: LEE, start: '2026-12-02T21:00:00Z', end: '2026-12-02T22:00:00Z', reason: 'Meeting' }],
};

const idsIn = (cols: ReturnType<typeof dayColumns>) =>
  Object.fromEntries(cols.map((c) => [c.id, c.items.map((i) => (i.item.kind === 'appointment' ? i.item.a.id : i.item.b.id))]));

describe('day columns', () => {
  it('per practitioner: visits and blocks under whoever has them', () => {
    const cols = dayColumns({ schedule, date: DAY, by: 'practitioners', showCancelled: false });
    expect(idsIn(cols)).toEqual({ [ORTIZ]: ['esi'], [LEE]: ['fu', 'b1'] });
    expect(cols[0]!.head).toEqual({ kind: 'practitioner', label: 'Elena Ortiz, MD' });
  });

  it('per room: every room with the visits held in it, open while anyone works here, no blocks', () => {
    const cols = dayColumns({ schedule, date: DAY, by: 'rooms', showCancelled: true });
    expect(idsIn(cols)).toEqual({ [EXAM]: ['fu'], [FLUORO]: ['esi', 'old'] });
    expect(cols[1]!.head).toEqual({ kind: 'room', id: FLUORO, name: 'Fluoro Suite', capabilities: ['fluoroscopy'] });
    // 08:00-12:00 and 11:00-17:00 joined.
    expect(cols[0]!.hours).toEqual([{ start: 480, end: 1020 }]);
  });

  it('keeps cancelled visits out unless asked, and empty rooms in', () => {
    const cols = dayColumns({ schedule, date: DAY, by: 'rooms', showCancelled: false });
    expect(idsIn(cols)).toEqual({ [EXAM]: ['fu'], [FLUORO]: ['esi'] });
    const quiet = dayColumns({ schedule: { ...schedule, appointments: [] }, date: DAY, by: 'rooms', showCancelled: false });
    expect(idsIn(quiet)).toEqual({ [EXAM]: [], [FLUORO]: [] });
  });

  it('still shows a visit booked in a room no longer in use', () => {
    const moved = { ...schedule, appointments: [visit('x', ORTIZ, GONE, '2026-12-02T16:00:00Z', '2026-12-02T16:30:00Z')] };
    const cols = dayColumns({ schedule: moved, date: DAY, by: 'rooms', showCancelled: false });
    expect(cols.map((c) => c.id)).toEqual([EXAM, FLUORO, GONE]);
    expect(cols[2]!.head).toEqual({ kind: 'room', id: GONE, name: null, capabilities: [] });
    expect(idsIn(cols)[GONE]).toEqual(['x']);
    // Not on another day.
    expect(dayColumns({ schedule: moved, date: '2026-12-03', by: 'rooms', showCancelled: false }).map((c) => c.id)).toEqual([EXAM, FLUORO]);
  });
});

describe('rooms', () => {
  it('names only the capabilities the catalog knows, in its order', () => {
    expect(knownCapabilities(['consult', 'laser', 'exam'])).toEqual(['exam', 'consult']);
  });

  it('groups a day by room in room order, leaving empty rooms out', () => {
    const rooms = roomsOf(schedule, schedule.appointments);
    const groups = groupByRoom(rooms, schedule.appointments);
    expect(groups.map((g) => [g.room.id, g.appointments.map((a) => a.id)])).toEqual([
      [EXAM, ['fu']],
      [FLUORO, ['esi', 'old']],
    ]);
    expect(groupByRoom(rooms, [])).toEqual([]);
  });
});
