import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Slot } from '../../../../shared/contracts/booking';
import type { Practitioner, VisitType } from '../../../../shared/contracts/clinic';
import { keys, useAvailability } from '../../../app/api/queries';
import { capitalize, formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { QueryState } from '../../../ui/QueryState';
import { useClinicDirectory, type ClinicDirectory } from '../useClinicDirectory';
import { DayStep, TimeStep } from './AvailabilitySteps';
import { emptyDetails, type DetailsValues } from './booking-validation';
import { LocationChoices, PractitionerChoices, VisitTypeChoices } from './ChoiceSteps';
import { DetailsForm } from './DetailsForm';
import { SelectionSummary } from './SelectionSummary';
import { availabilityWindow, CLINIC_ZONE, practitionerName } from './slots';
import { StepPanel } from './StepPanel';
import { StepProgress } from './StepProgress';
import { ANY, useBookingSelection, type Selection, type StepId } from './useBookingSelection';
import { BookingClosed } from './BookingClosed';
import { isBookingClosed, onlineBookingKey, useOnlineBooking } from './useOnlineBooking';
import { useSubmitBooking } from './useSubmitBooking';

export function BookingPage() {
  const { t } = useI18n();
  usePageTitle('title.book');
  const clinic = useClinicDirectory();
  const online = useOnlineBooking();

  return (
    <>
      <h1>{t('book.title')}</h1>
      <p className="lede">{t('book.lede')}</p>
      <QueryState
        isPending={clinic.isPending || online.isPending}
        isError={clinic.isError || online.isError}
        error={online.error}
        retry={() => {
          clinic.retry();
          if (online.isError) void online.refetch();
        }}
      >
        {clinic.directory && (online.data?.open === false ? <BookingClosed directory={clinic.directory} /> : <BookingFlow directory={clinic.directory} />)}
      </QueryState>
    </>
  );
}

/** Who offers the visit type at the location ('any' = everywhere). */
function offering(ps: Practitioner[], vt: string, loc: string | null): Practitioner[] {
  return ps.filter((p) => p.visitTypeIds.includes(vt) && (!loc || loc === ANY || p.locationIds.includes(loc)));
}

function currentStep(s: Selection, vt: string | null): StepId {
  if (!vt) return 'visitType';
  if (!s.loc) return 'location';
  if (!s.pr) return 'practitioner';
  if (!s.start || !s.spr || !s.sloc) return s.day ? 'time' : 'day';
  return 'details';
}

function BookingFlow({ directory }: { directory: ClinicDirectory }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { selection: s, choose, reopen, chooseSlot } = useBookingSelection();
  const [details, setDetails] = useState<DetailsValues>(() => emptyDetails(lang));
  const [takenNotice, setTakenNotice] = useState(false);
  const { submit, submitting } = useSubmitBooking();

  const bookable = directory.visitTypes.filter((v: VisitType) => v.bookableOnline);
  const vtFixed = bookable.length === 1;
  const vt = s.vt && bookable.some((v) => v.id === s.vt) ? s.vt : vtFixed ? bookable[0]!.id : null;
  const step = currentStep(s, vt);
  const steps: StepId[] = [...(vtFixed ? [] : ['visitType' as const]), 'location', 'practitioner', 'day', 'time', 'details'];

  const chosenLocation = s.loc && s.loc !== ANY ? directory.location(s.loc) : undefined;
  const zone = chosenLocation?.timeZone ?? CLINIC_ZONE;
  const phone = (directory.location(s.sloc) ?? chosenLocation ?? directory.locations[0])?.phone ?? '';
  const range = useMemo(() => availabilityWindow(Date.now(), zone), [zone]);
  const needsAvailability = step === 'day' || step === 'time';
  const availability = useAvailability(
    vt && needsAvailability
      ? {
          visitType: vt,
          ...range,
          location: s.loc && s.loc !== ANY ? s.loc : undefined,
          practitioner: s.pr && s.pr !== ANY ? s.pr : undefined,
        }
      : null,
  );

  // Keep the chosen visit type in the address so every later step carries it.
  const withVt = (values: Partial<Selection>): Partial<Selection> => ({ vt, ...values });
  const pickSlot = (slot: Slot) => {
    setTakenNotice(false);
    chooseSlot(slot);
  };

  // Online booking closed while the page was open (issue 11): say so, with the numbers to call.
  if (isBookingClosed(availability.error)) return <BookingClosed directory={directory} />;

  if (bookable.length === 0) {
    return (
      <div className="notice">
        <p>{t('book.noneOnline')}</p>
        <p>
          <Link to="/locations">{t('home.offer.book.phones')}</Link>
        </p>
      </div>
    );
  }

  const titles: Record<StepId, string> = {
    visitType: t('book.visitType.title'),
    location: t('book.location.title'),
    practitioner: t('book.practitioner.title'),
    day: t('book.day.title'),
    time: t('book.time.title'),
    details: t('book.details.title'),
  };
  const locations = directory.locations.filter((l) => !vt || offering(directory.practitioners, vt, l.id).length > 0);

  return (
    <div className="booking">
      <StepProgress steps={steps} current={step} />
      <div className="booking-body">
        <StepPanel stepKey={step} title={titles[step]} counter={t('book.stepOf', { n: steps.indexOf(step) + 1, total: steps.length })}>
          {takenNotice && step === 'time' && (
            <div className="notice notice-error" role="alert">
              <p>{t('book.error.taken')}</p>
            </div>
          )}
          {step === 'visitType' && <VisitTypeChoices visitTypes={bookable} onChoose={(id) => choose('visitType', { vt: id })} />}
          {step === 'location' && (
            <LocationChoices
              locations={locations.length ? locations : directory.locations}
              onChoose={(id) => choose('location', withVt({ loc: id }))}
            />
          )}
          {step === 'practitioner' && vt && (
            <PractitionerChoices
              practitioners={offering(directory.practitioners, vt, s.loc)}
              onChoose={(id) => choose('practitioner', withVt({ pr: id }))}
            />
          )}
          {step === 'day' && (
            <DayStep
              availability={availability}
              directory={directory}
              phone={phone}
              onPickDay={(day) => {
                setTakenNotice(false);
                choose('day', withVt({ day }));
              }}
              onPickSlot={pickSlot}
              onWiden={s.loc !== ANY || s.pr !== ANY ? () => choose('location', withVt({ loc: ANY, pr: ANY })) : null}
            />
          )}
          {step === 'time' && s.day && (
            <TimeStep
              availability={availability}
              directory={directory}
              phone={phone}
              day={s.day}
              zone={zone}
              onPickSlot={pickSlot}
              onOtherDay={() => reopen('day')}
            />
          )}
          {step === 'details' && s.start && (
            // On narrow screens the summary sits below the form: repeat the essentials here.
            <p className="recap">
              {capitalize(formatDateTime(s.start, directory.location(s.sloc)?.timeZone ?? CLINIC_ZONE, lang))} ·{' '}
              {practitionerName(directory.practitioner(s.spr))} · {directory.location(s.sloc)?.name}
            </p>
          )}
          {step === 'details' && vt && s.start && s.spr && s.sloc && (
            <DetailsForm
              slot={{ visitTypeId: vt, practitionerId: s.spr, locationId: s.sloc, start: s.start }}
              values={details}
              onChange={setDetails}
              submitting={submitting}
              submit={submit}
              phone={phone}
              onDone={(result) => {
                void queryClient.invalidateQueries({ queryKey: keys.availability });
                if (result.kind === 'closed') {
                  void queryClient.invalidateQueries({ queryKey: onlineBookingKey });
                  return;
                }
                if (result.kind === 'taken') {
                  // Replace, so Back does not return to the form for a time that is gone.
                  setTakenNotice(true);
                  reopen('time', { replace: true });
                  return;
                }
                // The appointment page reads the appointment as its patient manages it (practitioner, cutoff, phone).
                const { appointment, confirmationCode } = result.response;
                void navigate(`/appointments/${appointment.id}?code=${encodeURIComponent(confirmationCode)}`, {
                  state: { justBooked: true },
                });
              }}
            />
          )}
        </StepPanel>
        <SelectionSummary selection={{ ...s, vt }} directory={directory} visitTypeFixed={vtFixed} onChange={(step) => reopen(step)} />
      </div>
    </div>
  );
}
