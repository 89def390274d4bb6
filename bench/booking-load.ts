import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { addDays, localDateOf, MINUTE_MS } from '../src/shared/time.js';
import { keepAliveAgent, request } from './http-client.js';
import { msSince, seededRandom, shuffle, summarize, type Summary } from './stats.js';
import { CONSULT } from './synthetic-clinic.js';

interface OpenSlot {
  start: string;
  practitionerId: string;
  locationId: string;
}

export interface LoadResult {
  clients: number;
  seconds: number;
  elapsedS: number;
  created: number;
  conflicts: number;
  errors: number;
  /** First few non-201 answers, for diagnosis. */
  errorSamples: string[];
  bookingsPerSec: number;
  latencyMs: Summary;
  slotsOffered: number;
  /** True when the run stopped early because every distinct slot was booked. */
  exhausted: boolean;
}

/**
 * Open slots that can all be booked at once: no two share a practitioner's
 * time, and no location ever holds more visits than it has exam rooms. Greedy
 * in start order over the server's own availability answer.
 */
function pickCompatible(slots: OpenSlot[], roomsPerLocation: number): OpenSlot[] {
  const heldMs = (CONSULT.durationMin + CONSULT.bufferAfterMin) * MINUTE_MS;
  const practitionerFreeAt = new Map<string, number>();
  const locationHeldUntil = new Map<string, number[]>();
  const out: OpenSlot[] = [];
  for (const s of slots) {
    const start = Date.parse(s.start);
    if ((practitionerFreeAt.get(s.practitionerId) ?? -Infinity) > start) continue;
    const active = (locationHeldUntil.get(s.locationId) ?? []).filter((end) => end > start);
    if (active.length >= roomsPerLocation) continue;
    active.push(start + heldMs);
    locationHeldUntil.set(s.locationId, active);
    practitionerFreeAt.set(s.practitionerId, start + heldMs);
    out.push(s);
  }
  return out;
}

/** Distinct bookable slots from tomorrow on, in 30-day availability requests, shuffled so clients rarely meet. */
export async function fetchDistinctSlots(baseUrl: string, r: { visitTypeId: string; zone: string; roomsPerLocation: number; want: number; horizonDays: number }): Promise<OpenSlot[]> {
  const agent = keepAliveAgent(1);
  const first = addDays(localDateOf(Date.now(), r.zone), 1);
  const picked: OpenSlot[] = [];
  for (let offset = 0; offset < r.horizonDays - 1 && picked.length < r.want; offset += 30) {
    const from = addDays(first, offset);
    const to = addDays(first, Math.min(offset + 29, r.horizonDays - 2));
    const res = await request(agent, `${baseUrl}/api/availability?visitType=${r.visitTypeId}&from=${from}&to=${to}`);
    if (res.status !== 200) throw new Error(`availability ${from}..${to} answered ${res.status}: ${res.body.slice(0, 300)}`);
    picked.push(...pickCompatible((JSON.parse(res.body) as { slots: OpenSlot[] }).slots, r.roomsPerLocation));
  }
  agent.destroy();
  return shuffle(picked, seededRandom(7));
}

/** Slots handed out once each, across the warm-up and the measured run. */
export class SlotQueue {
  private next = 0;
  constructor(private readonly slots: readonly OpenSlot[]) {}
  take(): OpenSlot | undefined {
    return this.slots[this.next++];
  }
  get total(): number {
    return this.slots.length;
  }
  get isEmpty(): boolean {
    return this.next >= this.slots.length;
  }
}

let patientSeq = 0;
function bookingBody(slot: OpenSlot, visitTypeId: string) {
  const n = ++patientSeq;
  return {
    visitTypeId, practitionerId: slot.practitionerId, locationId: slot.locationId, start: slot.start,
    patient: { firstName: 'Load', lastName: `Patient${n}`, dateOfBirth: '1968-04-12', phone: '(512) 555-0101', email: `load${n}@example.com`, preferredLanguage: 'en' },
    reason: 'Low back pain after surgery',
  };
}

/**
 * `clients` concurrent keep-alive clients POST /api/appointments, each to the
 * next unused slot with a new patient and Idempotency-Key, for `seconds`;
 * in-flight requests finish before the clock stops.
 */
export async function runBookingLoad(
  baseUrl: string,
  queue: SlotQueue,
  r: { visitTypeId: string; clients: number; seconds: number },
): Promise<LoadResult> {
  const agent: http.Agent = keepAliveAgent(r.clients);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let created = 0;
  let conflicts = 0;
  let errors = 0;
  const t0 = process.hrtime.bigint();
  const stopAt = Date.now() + r.seconds * 1000;
  const client = async () => {
    for (let slot = queue.take(); slot && Date.now() < stopAt; slot = queue.take()) {
      const t = process.hrtime.bigint();
      const res = await request(agent, `${baseUrl}/api/appointments`, {
        method: 'POST', body: bookingBody(slot, r.visitTypeId), headers: { 'idempotency-key': randomUUID() },
      }).catch((err: Error) => ({ status: 0, body: err.message }));
      if (res.status === 201) {
        created++;
        latencies.push(msSince(t));
        continue;
      }
      if (res.status === 409) conflicts++;
      else errors++;
      if (errorSamples.length < 5) errorSamples.push(`${res.status} ${res.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: r.clients }, client));
  const elapsedS = msSince(t0) / 1000;
  agent.destroy();
  return {
    clients: r.clients, seconds: r.seconds, elapsedS, created, conflicts, errors, errorSamples,
    bookingsPerSec: created / elapsedS, latencyMs: summarize(latencies), slotsOffered: queue.total, exhausted: queue.isEmpty,
  };
}
