import { describe, expect, it } from 'vitest';
import { translator } from '../../app/i18n/catalog';
import { en as commonEn } from '../../app/i18n/en';
import { es as commonEs } from '../../app/i18n/es';
import { signedInEn } from '../../app/i18n/signed-in.en';
import { signedInEs } from '../../app/i18n/signed-in.es';
import { accountEn } from './i18n/account.en';
import { accountEs } from './i18n/account.es';

// The account pages' words (and the signed-in areas') load with their chunk, on top of the common catalog.
const en = { ...commonEn, ...signedInEn, ...accountEn };
const es = { ...commonEs, ...signedInEs, ...accountEs };
import { actionLabel, groupDisclosures, refusalLabel, roleLabel, whoLabel, type Disclosure } from './disclosures';

describe('disclosures in plain words', () => {
  it('names known actions in both languages and keeps unknown ones visible', () => {
    expect(actionLabel('schedule.read', translator(en))).toBe('Viewed your appointment on the schedule');
    expect(actionLabel('schedule.read', translator(es))).toBe('Vio su cita en la agenda');
    expect(actionLabel('lab.read', translator(en))).toContain('lab.read');
    expect(actionLabel('shared_records.read', translator(en))).toBe('Saw your name among the records shared with them');
    expect(actionLabel('sharing.caregiver_revoke', translator(es))).toBe('Quitó a un cuidador el acceso a su expediente');
    expect(actionLabel('chart.read', translator(en))).toBe('Opened your chart');
    expect(actionLabel('chart.read', translator(es))).toBe('Abrió su expediente');
    expect(actionLabel('chart.read', translator(en), true)).toBe('Opened your chart in an emergency');
    expect(actionLabel('chart.read', translator(es), true)).toBe('Abrió su expediente en una emergencia');
  });

  it('describes who acted without an account', () => {
    const t = translator(en);
    expect(whoLabel({ at: '', who: 'Holder of the confirmation code', role: 'code_holder', action: 'appointment.read', outcome: 'success' }, t)).toBe(
      'Someone with your confirmation code',
    );
    expect(whoLabel({ at: '', who: 'Nina Nurse', role: 'nurse', action: 'schedule.read', outcome: 'success' }, t)).toBe('Nina Nurse');
    expect(roleLabel('nurse', translator(es))).toBe('Enfermería');
  });
});

describe('issue 11: who accessed my record, in plain words', () => {
  const line = (at: string, extra: Partial<Disclosure> = {}): Disclosure => ({ at, who: 'Nina Nurse', role: 'nurse', action: 'schedule.read', outcome: 'success', ...extra });

  it('folds repeated views of one person, action and day into one line with a count and a time range', () => {
    const groups = groupDisclosures(
      [
        line('2026-12-02T15:05:00Z'),
        line('2026-12-02T21:40:00Z'),
        line('2026-12-02T17:00:00Z'),
        // Another day in Austin (00:30 on Dec 3 CST is 06:30Z), another action, another person, a refusal: their own lines.
        line('2026-12-03T06:30:00Z'),
        line('2026-12-02T16:00:00Z', { action: 'appointment.read' }),
        line('2026-12-02T16:00:00Z', { who: 'Dr. Marcus Reed', role: 'clinician' }),
        line('2026-12-02T16:10:00Z', { action: 'chart.read', outcome: 'denied', refusal: 'role' }),
      ],
      'America/Chicago',
    );
    expect(groups).toHaveLength(5);
    expect(groups[0]).toMatchObject({ count: 1, from: '2026-12-03T06:30:00Z' });
    const views = groups.find((g) => g.line.action === 'schedule.read' && g.line.who === 'Nina Nurse' && g.count > 1)!;
    expect(views).toMatchObject({ count: 3, from: '2026-12-02T15:05:00Z', to: '2026-12-02T21:40:00Z' });
    // Newest first.
    expect(groups.map((g) => Date.parse(g.to))).toEqual([...groups.map((g) => Date.parse(g.to))].sort((a, b) => b - a));
  });

  it('the day is the clinic\'s: 23:30 and 00:30 in Austin are two days, 05:30Z and 06:30Z', () => {
    expect(groupDisclosures([line('2026-12-03T05:30:00Z'), line('2026-12-03T06:30:00Z')], 'America/Chicago')).toHaveLength(2);
    expect(groupDisclosures([line('2026-12-03T06:30:00Z'), line('2026-12-03T07:30:00Z')], 'America/Chicago')).toHaveLength(1);
    expect(groupDisclosures([], 'America/Chicago')).toEqual([]);
  });

  it('keeps emergency accesses with different reasons apart', () => {
    const bg = (at: string, emergencyReason: string) => line(at, { action: 'chart.read', who: 'Dr. Marcus Reed', role: 'clinician', emergency: true, emergencyReason });
    expect(groupDisclosures([bg('2026-12-02T16:00:00Z', 'ER'), bg('2026-12-02T17:00:00Z', 'ER'), bg('2026-12-02T18:00:00Z', 'Pager')], 'America/Chicago').map((g) => g.count)).toEqual([1, 2]);
  });

  it('explains a refusal in words, in both languages', () => {
    const refused = line('2026-12-02T16:00:00Z', { action: 'chart.read', who: 'Dr. Marcus Reed', role: 'clinician', outcome: 'denied', refusal: 'not_care_team' });
    expect(refusalLabel(refused, translator(en))).toBe('Was refused: not on your care team.');
    expect(refusalLabel(refused, translator(es))).toBe('Se rechazó: no forma parte de su equipo de atención.');
    expect(refusalLabel({ ...refused, refusal: undefined }, translator(en))).toBe('Was refused: not allowed.');
    expect(refusalLabel(line('2026-12-02T16:00:00Z'), translator(en))).toBeNull();
  });

  it('never shows a raw "anonymous"', () => {
    const anon = line('2026-12-02T16:00:00Z', { who: 'anonymous', role: 'anonymous', action: 'user.activation_code' });
    expect(whoLabel(anon, translator(en))).toBe('Someone not signed in');
    expect(whoLabel(anon, translator(es))).toBe('Alguien sin iniciar sesión');
    expect(roleLabel('anonymous', translator(es))).not.toBe('anonymous');
  });
});

