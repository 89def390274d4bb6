import { useCallback, useRef, useState } from 'react';
import type { BookingRequest, BookingResponse } from '../../../../shared/contracts/booking';
import type { FieldIssue } from '../../../../shared/errors';
import { ApiError, fetchRoute, isConflict, NetworkError } from '../../../app/api/client';
import { newIdempotencyKey } from '../../../app/api/idempotency-key';
import { isBookingClosed } from './useOnlineBooking';

export type SubmitResult =
  | { kind: 'booked'; response: BookingResponse }
  | { kind: 'taken' }
  /** The clinic closed online booking since the page opened (issue 11). */
  | { kind: 'closed' }
  | { kind: 'invalid'; issues: FieldIssue[]; message: string }
  | { kind: 'network' }
  | { kind: 'throttled'; error: ApiError }
  | { kind: 'failed'; message: string }
  | { kind: 'busy' };

const RETRY_DELAY_MS = 800;

async function postBooking(body: BookingRequest, key: string): Promise<BookingResponse> {
  try {
    return await fetchRoute('POST /api/appointments', { body }, { headers: { 'Idempotency-Key': key } });
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    // The request may or may not have reached the server: retrying with the same
    // key lets the server answer with the booking it already made, if any.
    await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    return fetchRoute('POST /api/appointments', { body }, { headers: { 'Idempotency-Key': key } });
  }
}

/**
 * Submits a booking at most once at a time. One Idempotency-Key per attempt:
 * kept while the answer is unknown (network error) so a retry of the same
 * request cannot book twice; dropped once the server has answered.
 */
export function useSubmitBooking() {
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);

  const submit = useCallback(async (req: BookingRequest): Promise<SubmitResult> => {
    if (inFlight.current) return { kind: 'busy' };
    inFlight.current = true;
    setSubmitting(true);
    const body = JSON.stringify(req);
    if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };
    try {
      const response = await postBooking(req, attempt.current.key);
      attempt.current = null;
      return { kind: 'booked', response };
    } catch (e) {
      if (e instanceof NetworkError) return { kind: 'network' };
      attempt.current = null;
      if (isBookingClosed(e)) return { kind: 'closed' };
      if (isConflict(e)) return { kind: 'taken' };
      if (e instanceof ApiError && e.code === 'TOO_MANY') return { kind: 'throttled', error: e };
      if (e instanceof ApiError && e.status < 500 && e.issues.length > 0) {
        return { kind: 'invalid', issues: e.issues, message: e.message };
      }
      return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }, []);

  return { submit, submitting };
}
