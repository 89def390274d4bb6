import { describe, expect, it } from 'vitest';
import { emergencyReasons, refusalOf, type DisclosureEvent } from './disclosures.js';
import { BREAK_GLASS_REQUIRED } from './policy.js';

describe('issue 11: a refusal in the accounting of disclosures says why', () => {
  it.each([
    [BREAK_GLASS_REQUIRED, 'not_care_team'],
    ['not signed in', 'not_signed_in'],
    ['session expired or revoked', 'session_ended'],
    ['second factor required', 'second_factor'],
    ['billing may not chart.read', 'role'],
    ['admins do not read charts', 'role'],
    ['no active referral for this patient', 'no_referral'],
    ['caregiver scope is limited to appointments', 'caregiver_limited'],
    ['no caregiver grant for this patient', 'not_their_record'],
    ['wrong code or no match', 'wrong_code'],
    ['too many codes asked for', 'too_many'],
    ['something new', 'other'],
    [null, 'other'],
  ] as const)('%s -> %s', (reason, refusal) => expect(refusalOf(reason)).toBe(refusal));
});

describe('issue 11: an emergency access shows the reason the clinician gave', () => {
  const ev = (at: number, actor: string, action: string, reason: string | null, outcome = 'success'): DisclosureEvent => ({ occurredAt: at, actorUserId: actor, action, outcome, reason });

  it('a chart read under break-glass takes the reason of that clinician\'s latest start before it', () => {
    // Newest first, as the audit trail answers.
    const events = [
      ev(500, 'dr-b', 'chart.read', 'break_glass'),
      ev(400, 'dr-a', 'chart.read', 'break_glass'),
      ev(300, 'dr-a', 'break_glass.start', 'Unconscious in the ER, allergy check'),
      ev(200, 'dr-b', 'break_glass.start', 'Covering the on-call pager'),
      ev(150, 'dr-a', 'chart.read', 'care_team'),
      ev(100, 'dr-a', 'break_glass.start', 'An older reason'),
    ];
    expect(emergencyReasons(events)).toEqual([
      'Covering the on-call pager',
      'Unconscious in the ER, allergy check',
      'Unconscious in the ER, allergy check',
      'Covering the on-call pager',
      undefined,
      'An older reason',
    ]);
  });

  it('a refused attempt opened nothing and carries no reason; empty input is empty', () => {
    expect(emergencyReasons([ev(100, 'dr-a', 'break_glass.start', 'x', 'denied'), ev(200, 'dr-a', 'chart.read', 'break_glass', 'denied')])).toEqual([undefined, undefined]);
    expect(emergencyReasons([])).toEqual([]);
  });
});
