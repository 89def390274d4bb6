import { describe, expect, it } from 'vitest';
import { decide, ROLES, type Actor, type Permission, type Role } from './policy.js';

const A = 'patient-a';
const B = 'patient-b';
const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: `u-${role}`, role, mfaPassed: true, patientId: role === 'patient' ? A : null, caregiverOf: [], referredPatients: [], breakGlass: [], ...extra,
});

describe('policy: what each role may do without a patient in view', () => {
  // Rows written by hand from issue 3 and DESIGN; a change to the policy must change this table.
  const table: Record<Permission, Role[]> = {
    'session.self': [...ROLES],
    'schedule.read': ['front_desk', 'nurse', 'clinician'],
    'schedule.write': ['front_desk'],
    'patient.search': ['front_desk', 'nurse', 'clinician', 'billing', 'admin'],
    'appointment.read': ['patient', 'caregiver', 'front_desk', 'nurse', 'clinician', 'billing', 'referrer'],
    'appointment.write': ['patient', 'caregiver', 'front_desk'],
    'chart.read': ['patient', 'caregiver', 'nurse', 'clinician', 'referrer'],
    'disclosures.read': ['patient', 'admin'],
    'sharing.manage': ['patient'],
    'calendar_feed.manage': ['patient', 'caregiver'],
    'shared_records.read': ['caregiver'],
    'notice_preferences.manage': ['patient', 'caregiver'],
    'break_glass.start': ['clinician'],
    'user.manage': ['admin'],
    'audit.read': ['admin'],
    'notices.manage': ['admin'],
    'clinic.manage': ['admin'],
    'message.read': ['patient', 'caregiver'],
    'message.send': ['patient', 'caregiver'],
    'inbox.read': ['front_desk', 'nurse', 'clinician', 'billing'],
    'inbox.write': ['front_desk', 'nurse', 'clinician', 'billing'],
  };
  for (const [permission, allowed] of Object.entries(table) as [Permission, Role[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? 'may' : 'may not'} ${permission}`, () => {
        expect(decide(actor(role), permission).allow).toBe(allowed.includes(role));
      });
    }
  }
  it('denies everything to no one signed in', () => {
    expect(decide(null, 'session.self')).toEqual({ allow: false, reason: 'not signed in' });
  });
  it('holds every session that owes its second factor, for everything, its own session list included (issue 9 defect 6)', () => {
    for (const role of ROLES) {
      expect(decide(actor(role, { mfaPassed: false }), 'appointment.read').allow, role).toBe(false);
      expect(decide(actor(role, { mfaPassed: false }), 'session.self'), role).toEqual({ allow: false, reason: 'second factor required' });
    }
    // A patient who turned the second factor on is held at it too, not let in on the password alone.
    expect(decide(actor('patient', { mfaPassed: false }), 'appointment.read', { patientId: A }).allow).toBe(false);
  });
});

describe('policy: one patient in view', () => {
  const cases: [string, Actor, Permission, { patientId: string; careTeam?: boolean }, boolean, string?][] = [
    ['a patient reads their own appointments', actor('patient'), 'appointment.read', { patientId: A }, true, 'own'],
    ["a patient cannot read another patient's", actor('patient'), 'appointment.read', { patientId: B }, false],
    ['a patient reads who accessed their record', actor('patient'), 'disclosures.read', { patientId: A }, true, 'own'],
    ['a patient manages who shares their record', actor('patient'), 'sharing.manage', { patientId: A }, true, 'own'],
    ["a patient cannot manage another's sharing", actor('patient'), 'sharing.manage', { patientId: B }, false],
    ['issue 12: a patient manages their own calendar feed', actor('patient'), 'calendar_feed.manage', { patientId: A }, true, 'own'],
    ['issue 12: a full caregiver manages the calendar feed', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'calendar_feed.manage', { patientId: A }, true, 'caregiver'],
    ['issue 12: a limited caregiver does not get the calendar feed', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'calendar_feed.manage', { patientId: A }, false],
    ['a full caregiver cannot re-share the record', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'sharing.manage', { patientId: A }, false],
    ['a full caregiver reads the chart', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'chart.read', { patientId: A }, true, 'caregiver'],
    ['a limited caregiver manages appointments', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'appointment.write', { patientId: A }, true, 'caregiver'],
    ['issue 12: a patient sets how they hear from the clinic', actor('patient'), 'notice_preferences.manage', { patientId: A }, true, 'own'],
    ["issue 12: not another patient's", actor('patient'), 'notice_preferences.manage', { patientId: B }, false],
    ['issue 12: a full caregiver sets them', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'notice_preferences.manage', { patientId: A }, true, 'caregiver'],
    ['issue 12: a limited caregiver does not', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'notice_preferences.manage', { patientId: A }, false],
    ['a limited caregiver cannot read the chart', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'chart.read', { patientId: A }, false],
    ['a caregiver has nothing of an ungranted patient', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'appointment.read', { patientId: B }, false],
    ['a referrer reads a referred patient', actor('referrer', { referredPatients: [A] }), 'chart.read', { patientId: A }, true, 'referral'],
    ['a referrer cannot read a patient they did not refer', actor('referrer', { referredPatients: [A] }), 'chart.read', { patientId: B }, false],
    ['a clinician reads the chart of a patient they care for', actor('clinician'), 'chart.read', { patientId: B, careTeam: true }, true, 'care_team'],
    ['a clinician needs break-glass for anyone else', actor('clinician'), 'chart.read', { patientId: B }, false],
    ['break-glass opens that chart', actor('clinician', { breakGlass: [B] }), 'chart.read', { patientId: B }, true, 'break_glass'],
    ['break-glass does not open other charts', actor('clinician', { breakGlass: [B] }), 'chart.read', { patientId: A }, false],
    ['the front desk reads any appointment by role', actor('front_desk'), 'appointment.read', { patientId: B }, true, 'role'],
    ['the front desk never reads charts', actor('front_desk'), 'chart.read', { patientId: B }, false],
    ['an admin answers disclosure requests', actor('admin'), 'disclosures.read', { patientId: B }, true, 'role'],
    ['an admin does not read appointments', actor('admin'), 'appointment.read', { patientId: B }, false],
    // Issue 12: secure messages.
    ['a patient reads their own messages', actor('patient'), 'message.read', { patientId: A }, true, 'own'],
    ["a patient cannot read another patient's messages", actor('patient'), 'message.read', { patientId: B }, false],
    ["a patient cannot send about another patient's record", actor('patient'), 'message.send', { patientId: B }, false],
    ['a full caregiver sends messages', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'full' }] }), 'message.send', { patientId: A }, true, 'caregiver'],
    ['a limited caregiver cannot read messages', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'message.read', { patientId: A }, false],
    ['a limited caregiver cannot send messages', actor('caregiver', { caregiverOf: [{ patientId: A, scope: 'limited' }] }), 'message.send', { patientId: A }, false],
    ['a nurse does not read messages on the patient side', actor('nurse'), 'message.read', { patientId: A }, false],
  ];
  for (const [name, who, permission, facts, allow, basis] of cases) {
    it(name, () => {
      const d = decide(who, permission, facts);
      expect(d.allow).toBe(allow);
      if (d.allow) expect(d.basis).toBe(basis);
    });
  }
});
