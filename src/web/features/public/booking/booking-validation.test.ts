import { describe, expect, it } from 'vitest';
import { translator } from '../../../app/i18n/catalog';
import { en } from '../../../app/i18n/en';
import { es } from '../../../app/i18n/es';
import { emptyDetails, fieldId, serverFieldErrors, toBookingRequest, validateDetails } from './booking-validation';

const slot = {
  visitTypeId: '8ca1a340-9383-4c77-ac59-f0f804547b97',
  practitionerId: '705c3c53-4d3a-4725-ade9-48e772772417',
  locationId: '42730467-3983-4cb5-b8f1-c41edd2c56c7',
  start: '2026-12-01T09:00:00-06:00',
};
const filled = {
  ...emptyDetails('es'),
  firstName: ' María ',
  lastName: 'Hernández',
  dateOfBirth: '1968-03-14',
  phone: '(512) 555-0199',
  email: 'maria@example.com',
  reason: 'Dolor de espalda',
};

describe('toBookingRequest', () => {
  it('trims, and leaves out empty optional answers', () => {
    const req = toBookingRequest(slot, filled);
    expect(req.patient.firstName).toBe('María');
    expect(req.patient.preferredLanguage).toBe('es');
    expect('heardAbout' in req).toBe(false);
    expect('referringDoctor' in req).toBe(false);
  });
});

describe('validateDetails', () => {
  const t = translator(es);
  it('accepts a complete form', () => {
    expect(validateDetails(toBookingRequest(slot, filled), '2026-11-25', t)).toEqual({});
  });

  it('names each missing field with a catalog message', () => {
    const errors = validateDetails(toBookingRequest(slot, emptyDetails('es')), '2026-11-25', t);
    expect(errors['patient.firstName']).toBe(es['error.patient.firstName']);
    expect(errors['patient.email']).toBe(es['error.patient.email']);
    expect(errors.reason).toBe(es['error.reason']);
    expect(errors.referringDoctor).toBeUndefined();
  });

  it('refuses a date of birth in the future (clinic date)', () => {
    const errors = validateDetails(toBookingRequest(slot, { ...filled, dateOfBirth: '2026-11-26' }), '2026-11-25', t);
    expect(Object.keys(errors)).toEqual(['patient.dateOfBirth']);
    // Not "enter your date of birth": one was entered.
    expect(errors['patient.dateOfBirth']).toBe(es['error.patient.dateOfBirthRange']);
  });
});

describe('serverFieldErrors', () => {
  const issues = [
    { field: 'patient.email', message: 'must be an email address' },
    { field: 'start', message: 'must be in the future' },
  ];
  it('shows the server words in English, with the field name', () => {
    const { fields, other } = serverFieldErrors(issues, 'en', translator(en));
    expect(fields['patient.email']).toBe('Email: must be an email address');
    expect(other).toEqual(['must be in the future']);
  });
  it('shows the Spanish catalog message in Spanish', () => {
    expect(serverFieldErrors(issues, 'es', translator(es)).fields['patient.email']).toBe(es['error.patient.email']);
  });
  it('words problems outside the form from the Spanish catalog too, once each', () => {
    const outside = [
      { field: 'start', message: 'is in the past' },
      { field: 'start', message: 'must be at least 60 minutes from now' },
      { field: 'visitTypeId', message: 'is booked by the clinic staff; please call the location' },
      { field: 'Idempotency-Key', message: 'was already used for a different request' },
    ];
    expect(serverFieldErrors(outside, 'es', translator(es)).other).toEqual([es['book.error.start'], es['book.error.visitType'], es['book.error.request']]);
    expect(serverFieldErrors(outside, 'en', translator(en)).other).toEqual(outside.map((i) => i.message));
  });
  it('links to the control ids the form renders', () => {
    expect(fieldId('patient.email')).toBe('f-patient-email');
    expect(fieldId('reason')).toBe('f-reason');
  });
});
