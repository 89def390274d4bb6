import type { DeskAppointment, ScheduleResponse } from '../../../../shared/contracts/staff';
import type { ClinicDirectory } from '../../public/useClinicDirectory';

export type DeskBlock = ScheduleResponse['blocks'][number];
export type Status = DeskAppointment['status'];

/** Lookups the desk needs to turn ids into words. */
export interface ScheduleIndex {
  schedule: ScheduleResponse;
  zone: string;
  roomName: (id: string) => string;
  practitionerLabel: (id: string) => string;
  visitTypeName: (id: string) => string;
  appointment: (id: string | null) => DeskAppointment | undefined;
  block: (id: string | null) => DeskBlock | undefined;
}

export function indexSchedule(schedule: ScheduleResponse, directory: ClinicDirectory, pick: (t: { en: string; es: string }) => string): ScheduleIndex {
  const rooms = new Map(schedule.rooms.map((r) => [r.id, r.name]));
  const scheduled = new Map(schedule.practitioners.map((p) => [p.id, p]));
  const appts = new Map(schedule.appointments.map((a) => [a.id, a]));
  const blocks = new Map(schedule.blocks.map((b) => [b.id, b]));
  return {
    schedule,
    zone: schedule.timeZone,
    roomName: (id) => rooms.get(id) ?? '',
    practitionerLabel: (id) => {
      const p = scheduled.get(id) ?? directory.practitioner(id);
      return p ? nameWithCredentials(p) : '';
    },
    visitTypeName: (id) => {
      const v = directory.visitType(id);
      return v ? pick(v.name) : '';
    },
    appointment: (id) => (id ? appts.get(id) : undefined),
    block: (id) => (id ? blocks.get(id) : undefined),
  };
}

/** 'Elena Ortiz, MD', as the public site writes it. */
export function nameWithCredentials(p: { name: string; credentials: string }): string {
  if (!p.credentials || p.name.includes(p.credentials)) return p.name;
  return `${p.name.replace(/^Dr\.?\s+/, '')}, ${p.credentials}`;
}

export function patientName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`;
}

/** Active visits take time on the schedule; cancelled ones are history. */
export function isActive(a: DeskAppointment): boolean {
  return a.status !== 'cancelled';
}
