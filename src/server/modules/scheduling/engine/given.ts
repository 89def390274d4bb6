/**
 * Scenario builder for slot-engine tests: readable inputs instead of raw objects.
 *
 *   given.practitioner('p1').works('mon-fri 08:00-17:00').at('loc1')
 *   given.search({ workingHours: [...], from: '2026-06-15', to: '2026-06-19' })
 *
 * Deliberately independent of shared/time.ts (it parses 'HH:MM' itself), so a bug
 * there cannot hide in the test inputs.
 */
import type { LocalDate } from '../../../../shared/time.js';
import type { SlotSearchInput, VisitRules, WorkingHoursRule } from './slots.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function dayIndex(name: string): number {
  const i = DAY_NAMES.indexOf(name as (typeof DAY_NAMES)[number]);
  if (i < 0) throw new Error(`unknown weekday '${name}' (expected one of ${DAY_NAMES.join(', ')})`);
  return i;
}

/** 'mon-fri' | 'sun' | 'mon,wed,fri' | 'fri-mon' (wraps) -> weekday numbers, 0 = Sunday. */
function parseDays(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-');
    const first = dayIndex(a!);
    const last = b === undefined ? first : dayIndex(b);
    for (let d = first; ; d = (d + 1) % 7) {
      out.push(d);
      if (d === last) break;
    }
  }
  return out;
}

function parseMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`bad wall time '${hhmm}' (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface Validity {
  validFrom?: LocalDate | null;
  validTo?: LocalDate | null;
}

export const given = {
  practitioner(practitionerId: string) {
    return {
      /** `spec` is '<days> <HH:MM>-<HH:MM>', e.g. 'mon-fri 08:00-17:00' or 'sun 00:00-04:00'. */
      works(spec: string, validity: Validity = {}) {
        const [days, hours] = spec.trim().split(/\s+/);
        const [from, to] = (hours ?? '').split('-');
        if (!days || !from || !to) throw new Error(`bad hours '${spec}' (expected 'mon-fri 08:00-17:00')`);
        const startMin = parseMinutes(from);
        const endMin = parseMinutes(to);
        return {
          at(locationId: string): WorkingHoursRule[] {
            return parseDays(days).map((weekday) => ({ practitionerId, locationId, weekday, startMin, endMin, ...validity }));
          },
        };
      },
    };
  },

  room(id: string) {
    return {
      at(locationId: string) {
        return { can: (...capabilities: string[]) => ({ id, locationId, capabilities }) };
      },
    };
  },

  visit(overrides: Partial<VisitRules> = {}): VisitRules {
    return {
      durationMin: 60,
      bufferBeforeMin: 0,
      bufferAfterMin: 0,
      roomCapability: 'exam',
      slotStepMin: 60,
      minNoticeMin: 0,
      horizonDays: 3650,
      ...overrides,
    };
  },

  /**
   * A full search input with quiet defaults: one Chicago location 'loc1' with one exam
   * room 'r1', a 60-minute visit on a 60-minute grid, no notice, no busy time, and
   * `now` long before any test date. practitionerIds default to everyone with hours.
   */
  search(overrides: Partial<Omit<SlotSearchInput, 'visit'>> & { visit?: Partial<VisitRules> } = {}): SlotSearchInput {
    const workingHours = overrides.workingHours ?? [];
    return {
      locations: [{ id: 'loc1', timeZone: 'America/Chicago' }],
      rooms: [given.room('r1').at('loc1').can('exam')],
      practitionerIds: [...new Set(workingHours.map((r) => r.practitionerId))],
      timeOff: [],
      holidays: [],
      practitionerBusy: [],
      roomBusy: [],
      from: '2026-06-15',
      to: '2026-06-15',
      now: Date.parse('2026-01-01T00:00:00Z'),
      ...overrides,
      workingHours,
      visit: given.visit(overrides.visit),
    };
  },
};

/** Recursively freezes a value so that any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
