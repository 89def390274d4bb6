import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDayTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { useSignedIn } from '../../../app/session/SessionProvider';
import { useClinicDirectory } from '../../public/useClinicDirectory';
import { BookingDialog, type Booked } from '../desk/BookingDialog';
import { todayIn } from '../desk/desk-time';

/**
 * "Book a visit" from a scheduling conversation: the desk's booking dialog,
 * with the conversation's patient already chosen (found by the desk's own
 * patient search, so the dialog gets the same record it would pick by hand).
 */
export function BookFromThread({ patient }: { patient: { id: string; name: string } }) {
  const { t, lang } = useI18n();
  const { api } = useSignedIn();
  const clinic = useClinicDirectory();
  const [open, setOpen] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);
  const q = patient.name.trim().split(/\s+/).at(-1) ?? patient.name;
  const found = useQuery({
    queryKey: ['messages', 'staff', 'book-patient', patient.id],
    queryFn: ({ signal }) => api.request('GET /api/staff/patients', { query: { q } }, { signal }).then((r) => r.items.find((p) => p.id === patient.id) ?? null),
    enabled: open,
  });
  const directory = clinic.directory;
  const location = directory?.locations[0];

  return (
    <>
      <button type="button" className="btn btn-secondary" disabled={!location} onClick={() => setOpen(true)}>
        {t('inbox.book')}
      </button>
      <div role="status" aria-live="polite">
        {booked && (
          <p className="notice notice-success">
            {t('inbox.book.done', { patient: booked.patientName, when: formatDayTime(booked.appointment.start, booked.appointment.timeZone, lang) })}
          </p>
        )}
      </div>
      {open && directory && location && !found.isPending && (
        <BookingDialog
          location={location}
          directory={directory}
          defaultDate={todayIn(location.timeZone)}
          initialPatient={found.data ?? undefined}
          onClose={() => setOpen(false)}
          onBooked={(b) => {
            setBooked(b);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
