import { RoomCapability } from '../../../../shared/contracts/clinic';
import type { DeskAppointment, ScheduleResponse } from '../../../../shared/contracts/staff';
import type { LocalDate } from '../../../../shared/time';
import { mergeSpans, spanOnDate, type DeskColumns, type MinuteSpan } from './desk-time';
import { isActive, nameWithCredentials, type DeskBlock } from './schedule-index';

export type DayItem = { kind: 'appointment'; a: DeskAppointment } | { kind: 'block'; b: DeskBlock };

/** A room as the desk names it; `name` is null for a room no longer in use that still holds visits. */
export interface RoomHead {
  id: string;
  name: string | null;
  capabilities: RoomCapability[];
}

export type ColumnHead = { kind: 'practitioner'; label: string } | ({ kind: 'room' } & RoomHead);

export interface DayColumn {
  id: string;
  head: ColumnHead;
  /** Shaded as open: a practitioner's working hours, or for a room the hours anyone works here. */
  hours: MinuteSpan[];
  items: { item: DayItem; span: MinuteSpan }[];
}

/** The capabilities the desk knows how to name, in the catalog's order; unknown strings are dropped. */
export function knownCapabilities(caps: string[]): RoomCapability[] {
  return RoomCapability.options.filter((c) => caps.includes(c));
}

/** Rooms of the location in the server's order, then any room an appointment uses that is no longer listed. */
export function roomsOf(schedule: ScheduleResponse, appointments: DeskAppointment[]): RoomHead[] {
  const rooms: RoomHead[] = schedule.rooms.map((r) => ({ id: r.id, name: r.name, capabilities: knownCapabilities(r.capabilities) }));
  const listed = new Set(rooms.map((r) => r.id));
  for (const a of appointments) {
    if (listed.has(a.roomId)) continue;
    listed.add(a.roomId);
    rooms.push({ id: a.roomId, name: null, capabilities: [] });
  }
  return rooms;
}

interface DayInput {
  schedule: ScheduleResponse;
  date: LocalDate;
  by: DeskColumns;
  showCancelled: boolean;
}

function hoursOn(p: ScheduleResponse['practitioners'][number], date: LocalDate, zone: string): MinuteSpan[] {
  return p.hours.map((h) => spanOnDate(h.start, h.end, date, zone)).filter((s) => s !== null);
}

/**
 * The columns of one day. Per practitioner: everyone who works here that day
 * or has something on it, with their visits and blocks. Per room: every room
 * of the location with the visits held in it; blocks belong to a practitioner,
 * not a room, so they are left to the practitioner columns.
 */
export function dayColumns({ schedule, date, by, showCancelled }: DayInput): DayColumn[] {
  const zone = schedule.timeZone;
  const shown = schedule.appointments.filter((a) => showCancelled || isActive(a));
  const cols: DayColumn[] =
    by === 'practitioners'
      ? schedule.practitioners.map((p) => ({ id: p.id, head: { kind: 'practitioner', label: nameWithCredentials(p) }, hours: hoursOn(p, date, zone), items: [] }))
      : roomColumns(schedule, shown, date);
  const byId = new Map(cols.map((c) => [c.id, c]));
  for (const a of shown) {
    const span = spanOnDate(a.start, a.end, date, zone);
    const col = byId.get(by === 'practitioners' ? a.practitionerId : a.roomId);
    if (span) col?.items.push({ item: { kind: 'appointment', a }, span });
  }
  if (by === 'rooms') return cols;
  for (const b of schedule.blocks) {
    const span = spanOnDate(b.start, b.end, date, zone);
    if (span) byId.get(b.practitionerId)?.items.push({ item: { kind: 'block', b }, span });
  }
  return cols.filter((c) => c.hours.length > 0 || c.items.length > 0);
}

function roomColumns(schedule: ScheduleResponse, shown: DeskAppointment[], date: LocalDate): DayColumn[] {
  // A room has no hours of its own; it is open while someone works at the location.
  const staffed = mergeSpans(schedule.practitioners.flatMap((p) => hoursOn(p, date, schedule.timeZone)));
  const onDate = shown.filter((a) => spanOnDate(a.start, a.end, date, schedule.timeZone) !== null);
  return roomsOf(schedule, onDate).map((r) => ({ id: r.id, head: { kind: 'room', ...r }, hours: staffed, items: [] }));
}

/** One day's appointments (already in time order) grouped by room, rooms in `roomsOf` order; empty rooms left out. */
export function groupByRoom<T extends { roomId: string }>(rooms: RoomHead[], appointments: T[]): { room: RoomHead; appointments: T[] }[] {
  const groups = new Map(rooms.map((room) => [room.id, { room, appointments: [] as T[] }]));
  for (const a of appointments) groups.get(a.roomId)?.appointments.push(a);
  return [...groups.values()].filter((g) => g.appointments.length > 0);
}
