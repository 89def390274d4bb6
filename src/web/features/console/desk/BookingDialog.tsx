import type { RequestOf } from '../../../app/api/routes';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { Appointment, Slot } from '../../../../shared/contracts/booking';
import { DeskPatientDetails, type DeskPatient } from '../../../../shared/contracts/staff';
import type { Location } from '../../../../shared/contracts/clinic';
import { isBirthDateInRange } from '../../../../shared/birth-date';
import { MAX_SEARCH_DAYS } from '../../../../shared/search-window';
import { addDays, isLocalDate } from '../../../../shared/time';
import { isConflict } from '../../../app/api/client';
import { formatDayTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { Dialog } from '../../../ui/Dialog';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import type { ClinicDirectory } from '../../public/useClinicDirectory';
import { hasIssues, issuesByField, problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { useInvalidateSchedule, useStaffAvailability } from './desk-api';
import { todayIn } from './desk-time';
import { PatientChooser, patientFieldId, NEW_PATIENT_FIELDS, type NewPatient, type PatientChoice } from './PatientChooser';
import { nameWithCredentials, patientName } from './schedule-index';
import { SlotPicker } from './SlotPicker';

/** What the form sends, from the route's shared contract. */
type DeskBookingBody = RequestOf<'POST /api/staff/appointments'>['body'];

export interface Booked {
  appointment: Appointment;
  patientName: string;
  practitionerLabel: string;
  /** Set when no email carries the confirmation: the desk reads it out to the caller (issue 11). */
  confirmationCode: string | null;
}

/** A new patient as the API takes them: an email address only if the caller gave one. */
function newPatientBody(d: NewPatient) {
  const { email, ...rest } = d;
  return { ...rest, phone: d.phone.trim(), ...(email.trim() ? { email: email.trim() } : {}) };
}

const ANY = 'any';

type Errors = Record<string, string | undefined>;

/** In screen order: where each problem is and where the error summary links to. */
const ORDER: [string, string][] = [
  ['patientId', 'f-bk-patient-search'],
  ...NEW_PATIENT_FIELDS.map((f): [string, string] => [`patient.${f}`, patientFieldId(f)]),
  ['visitTypeId', 'f-bk-visit-type'],
  ['start', 'bk-time-title'],
  ['reason', 'f-bk-reason'],
];

/** A patient's request the desk books (issue 12): its patient, visit type and note come filled in. */
export interface FromRequest {
  id: string;
  patient: DeskPatient;
  visitTypeId: string;
  note: string;
}

/** A booking for someone on the phone, or from a patient's request: who, what, with whom, when and why. */
export function BookingDialog({
  location: initialLocation,
  directory,
  defaultDate,
  request,
  onClose,
  onBooked,
  initialPatient,
}: {
  location: Location;
  directory: ClinicDirectory;
  defaultDate: string;
  request?: FromRequest | undefined;
  onClose: () => void;
  onBooked: (b: Booked) => void;
  /** The patient already chosen (a scheduling message's patient, issue 12); the desk can still choose another. */
  initialPatient?: DeskPatient | undefined;
}) {
  const { t, lang, pick } = useI18n();
  const { api } = useSession();
  const invalidate = useInvalidateSchedule();
  const [locationId, setLocationId] = useState(initialLocation.id);
  const location = directory.location(locationId) ?? initialLocation;
  const today = todayIn(location.timeZone);
  const [patient, setPatient] = useState<PatientChoice>({ mode: 'existing', patient: initialPatient ?? request?.patient ?? null });
  const [visitTypeId, setVisitTypeId] = useState(request?.visitTypeId ?? '');
  const [practitionerId, setPractitionerId] = useState(ANY);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [reason, setReason] = useState(request?.note ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [attempts, setAttempts] = useState(0);
  const [taken, setTaken] = useState(false);
  const [searchFrom, setSearchFrom] = useState(defaultDate);
  /** A field the person is fixing stops showing its old error. */
  const clear = (...fields: string[]) => setErrors((prev) => (fields.some((f) => prev[f]) ? { ...prev, ...Object.fromEntries(fields.map((f) => [f, undefined])) } : prev));

  const visitTypes = directory.visitTypes.filter((v) => directory.practitioners.some((p) => p.locationIds.includes(locationId) && p.visitTypeIds.includes(v.id)));
  const procedures = visitTypes.filter((v) => v.roomCapability === 'fluoroscopy');
  const visits = visitTypes.filter((v) => v.roomCapability !== 'fluoroscopy');
  const practitioners = directory.practitioners.filter((p) => p.locationIds.includes(locationId) && (!visitTypeId || p.visitTypeIds.includes(visitTypeId)));

  const from = isLocalDate(searchFrom) && searchFrom > today ? searchFrom : today;
  const params = useMemo(
    () =>
      visitTypeId
        ? { visitType: visitTypeId, location: locationId, from, to: addDays(from, MAX_SEARCH_DAYS - 1), practitioner: practitionerId === ANY ? undefined : practitionerId }
        : null,
    [visitTypeId, locationId, from, practitionerId],
  );
  const availability = useStaffAvailability(params);

  const book = useMutation({
    // From a request, the booking is the request's: its patient and visit type, and the request marked booked with it.
    mutationFn: (body: DeskBookingBody) =>
      request
        ? api.request('POST /api/staff/appointment-requests/:id/book', {
            params: { id: request.id },
            body: { practitionerId: body.practitionerId, locationId: body.locationId, start: body.start, reason: body.reason },
          })
        : api.request('POST /api/staff/appointments', { body }),
    onSuccess: ({ confirmationCode, ...appointment }) => {
      invalidate();
      const who = patient.mode === 'existing' && patient.patient ? patientName(patient.patient) : patient.mode === 'new' ? patientName(patient.details) : '';
      const p = directory.practitioner(appointment.practitionerId);
      onBooked({ appointment, patientName: who, practitionerLabel: p ? nameWithCredentials(p) : '', confirmationCode });
    },
    onError: (e) => {
      if (isConflict(e)) {
        setTaken(true);
        setSlot(null);
        void availability.refetch();
      } else if (hasIssues(e)) {
        const server = issuesByField(e);
        const mapped: Errors = {};
        for (const [field] of ORDER) if (server[field]) mapped[field] = lang === 'en' ? `${server[field]}` : t('console.book.fieldProblem');
        setErrors(mapped);
        setAttempts((n) => n + 1);
      }
    },
  });

  function validate(): Errors {
    const found: Errors = {};
    if (patient.mode === 'existing' && !patient.patient) found.patientId = t('console.book.error.patient');
    if (patient.mode === 'new') {
      // A caller may have no email address (issue 11): the phone is then how the clinic reaches them.
      const parsed = DeskPatientDetails.safeParse(newPatientBody(patient.details));
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const field = String(i.path[0]) as (typeof NEW_PATIENT_FIELDS)[number];
          found[`patient.${field}`] ??= field === 'email' ? t('console.book.error.email') : t(`console.error.patient.${field}`);
        }
      }
      const dob = patient.details.dateOfBirth;
      if (!found['patient.dateOfBirth'] && !isBirthDateInRange(dob, today)) found['patient.dateOfBirth'] = t('console.error.patient.dateOfBirthRange');
    }
    if (!visitTypeId) found.visitTypeId = t('console.book.error.visitType');
    if (!slot) found.start = t('console.book.error.time');
    if (!reason.trim()) found.reason = t('console.book.error.reason');
    return found;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (book.isPending) return;
    setTaken(false);
    const found = validate();
    setErrors(found);
    setAttempts((n) => n + 1);
    if (Object.values(found).some(Boolean) || !slot) return;
    book.mutate({
      visitTypeId,
      practitionerId: slot.practitionerId,
      locationId: slot.locationId,
      start: slot.start,
      reason: reason.trim(),
      ...(patient.mode === 'existing' && patient.patient
        ? { patientId: patient.patient.id }
        : { patient: patient.mode === 'new' ? newPatientBody(patient.details) : undefined }),
    });
  }

  const summary = ORDER.filter(([f]) => errors[f]).map(([f, id]) => ({ targetId: id, message: errors[f]! }));
  const otherProblem = book.isError && !isConflict(book.error) && !hasIssues(book.error);

  return (
    <Dialog title={t('console.book.title')} onClose={onClose} wide>
      <form noValidate onSubmit={onSubmit} className="booking-form">
        <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
        <fieldset className="form-section">
          <legend>{t('console.book.patient')}</legend>
          {request ? (
            <p className="fact-strong">{patientName(request.patient)}</p>
          ) : (
            <PatientChooser
              value={patient}
              onChange={(p) => {
                setPatient(p);
                clear('patientId', ...NEW_PATIENT_FIELDS.map((f) => `patient.${f}`));
              }}
              errors={errors}
              today={today}
            />
          )}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('console.book.visit')}</legend>
          <div className="field-row">
            <SelectField
              frame={{ id: 'f-bk-location', label: t('appt.location') }}
              value={locationId}
              onChange={(e) => {
                setLocationId(e.target.value);
                setPractitionerId(ANY);
                setSlot(null);
              }}
            >
              {directory.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              frame={{ id: 'f-bk-visit-type', label: t('console.book.visitType'), error: errors.visitTypeId }}
              value={visitTypeId}
              disabled={request !== undefined}
              onChange={(e) => {
                setVisitTypeId(e.target.value);
                setSlot(null);
                clear('visitTypeId');
                if (practitionerId !== ANY && !directory.practitioner(practitionerId)?.visitTypeIds.includes(e.target.value)) setPractitionerId(ANY);
              }}
            >
              <option value="">{t('console.book.chooseVisitType')}</option>
              <optgroup label={t('console.book.visits')}>
                {visits.map((v) => (
                  <option key={v.id} value={v.id}>
                    {pick(v.name)} · {t('book.minutes', { n: v.durationMin })}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('console.book.procedures')}>
                {procedures.map((v) => (
                  <option key={v.id} value={v.id}>
                    {pick(v.name)} · {t('book.minutes', { n: v.durationMin })}
                  </option>
                ))}
              </optgroup>
            </SelectField>
          </div>
          <SelectField
            frame={{ id: 'f-bk-practitioner', label: t('appt.provider') }}
            value={practitionerId}
            onChange={(e) => {
              setPractitionerId(e.target.value);
              setSlot(null);
            }}
          >
            <option value={ANY}>{t('book.practitioner.any')}</option>
            {practitioners.map((p) => (
              <option key={p.id} value={p.id}>
                {nameWithCredentials(p)}
              </option>
            ))}
          </SelectField>
        </fieldset>

        <section className={errors.start ? 'form-section field-invalid' : 'form-section'} aria-labelledby="bk-time-title">
          <h3 id="bk-time-title" className="form-section-title" tabIndex={-1}>
            {t('console.book.time')}
          </h3>
          {errors.start && <p className="field-error">{errors.start}</p>}
          <div role="alert" className="status-region">
            {taken && (
              <div className="notice notice-error">
                <p>{t('console.book.taken')}</p>
              </div>
            )}
          </div>
          <TextField
            frame={{ id: 'f-bk-from', label: t('console.book.from'), hint: t('console.book.fromHint') }}
            type="date"
            min={today}
            className="input input-date"
            value={searchFrom}
            onChange={(e) => {
              setSearchFrom(e.target.value);
              setSlot(null);
            }}
          />
          {params ? (
            <SlotPicker
              availability={availability}
              directory={directory}
              zone={location.timeZone}
              labelledBy="bk-time-title"
              selected={slot}
              onPick={(picked) => {
                setSlot(picked);
                if (picked) clear('start');
              }}
            />
          ) : (
            <p className="muted">{t('console.book.pickVisitFirst')}</p>
          )}
        </section>

        <TextAreaField
          frame={{ id: 'f-bk-reason', label: t('field.reason'), hint: t('console.book.reasonHint'), error: errors.reason }}
          name="reason"
          rows={3}
          maxLength={1000}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            clear('reason');
          }}
        />

        <div role="alert" className="submit-problem">
          {otherProblem && (
            <div className="notice notice-error">
              <p>{problemMessage(book.error, t, lang)}</p>
            </div>
          )}
        </div>
        <div className="actions dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={book.isPending}>
            {book.isPending && <span className="spinner spinner-light" aria-hidden="true" />}
            {book.isPending
              ? t('book.submitting')
              : slot
                ? t('console.book.confirmAt', { when: formatDayTime(slot.start, location.timeZone, lang) })
                : t('book.submit')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('console.cancelAction')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
