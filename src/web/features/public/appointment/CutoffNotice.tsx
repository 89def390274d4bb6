import { ApiError } from '../../../app/api/client';
import { Trans } from '../../../app/i18n/Trans';
import { PhoneLink } from '../../../ui/PhoneLink';

/**
 * Online changes have closed (the visit type's cutoff, issue 11): call the
 * location, with its number as a tel: link.
 */
export function CutoffNotice({ location, phone }: { location: string; phone: string }) {
  return (
    <div className="notice notice-warning">
      <p>
        <Trans k="appt.cutoff.passed" values={{ location, phone: <PhoneLink phone={phone} /> }} />
      </p>
    </div>
  );
}

/** The server refused a change because the cutoff has passed; its answer names the phone to call. */
export function cutoffRefusal(e: unknown): { phone: string | undefined } | null {
  return e instanceof ApiError && e.reason === 'change_cutoff_passed' ? { phone: e.phone } : null;
}
