import type { DisclosureRefusal } from '../../../../shared/contracts/routes.js';
import { BREAK_GLASS_REQUIRED } from './policy.js';

/**
 * The patient's accounting of disclosures (45 CFR 164.528) in terms a patient
 * can be told (issue 11): why an attempt was refused, and the reason a
 * clinician gave for opening the record in an emergency.
 */

/** Why someone was refused, as the stable word of the contract the patient's page puts in words. */
export type Refusal = (typeof DisclosureRefusal)['options'][number];

/** The audit trail's reason for a refusal (access's policy and the services that refuse) as a Refusal. */
export function refusalOf(reason: string | null): Refusal {
  if (!reason) return 'other';
  if (reason === BREAK_GLASS_REQUIRED) return 'not_care_team';
  if (reason === 'not signed in') return 'not_signed_in';
  if (reason === 'session expired or revoked') return 'session_ended';
  if (reason === 'second factor required') return 'second_factor';
  if (reason === 'no active referral for this patient') return 'no_referral';
  if (reason === 'caregiver scope is limited to appointments') return 'caregiver_limited';
  if (reason === 'another patient' || reason === 'no caregiver grant for this patient') return 'not_their_record';
  if (/^[a-z_]+ may not [a-z_.]+$/.test(reason) || reason === 'admins do not read charts') return 'role';
  if (reason === 'wrong code or no match' || reason === 'unknown id or wrong code') return 'wrong_code';
  if (reason.startsWith('too many')) return 'too_many';
  return 'other';
}

export interface DisclosureEvent {
  occurredAt: number;
  actorUserId: string | null;
  action: string;
  outcome: string;
  reason: string | null;
}

/** Opened through emergency access (break-glass) rather than a care relationship; a refused attempt opened nothing. */
export function isEmergency(e: DisclosureEvent): boolean {
  return e.outcome === 'success' && (e.action === 'break_glass.start' || (e.action === 'chart.read' && e.reason === 'break_glass'));
}

/**
 * The reason given for each emergency access, by the event's position in
 * `events`: a break-glass start carries its own; a chart read under it takes
 * the reason of that clinician's latest start before the read.
 */
export function emergencyReasons(events: readonly DisclosureEvent[]): (string | undefined)[] {
  const order = events.map((_, i) => i).sort((a, b) => events[a]!.occurredAt - events[b]!.occurredAt || b - a);
  const latest = new Map<string, string>();
  const out: (string | undefined)[] = events.map(() => undefined);
  for (const i of order) {
    const e = events[i]!;
    if (!isEmergency(e)) continue;
    if (e.action === 'break_glass.start') {
      if (e.actorUserId && e.reason) latest.set(e.actorUserId, e.reason);
      out[i] = e.reason ?? undefined;
    } else {
      out[i] = e.actorUserId ? latest.get(e.actorUserId) : undefined;
    }
  }
  return out;
}
