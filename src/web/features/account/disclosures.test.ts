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
import { actionLabel, roleLabel, whoLabel } from './disclosures';

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
