import { useQuery } from '@tanstack/react-query';
import { ApiError, fetchRoute } from '../../../app/api/client';

export const onlineBookingKey = ['online-booking'] as const;

/** Whether the clinic takes bookings on its website (issue 11): a clinic opens it once it is set up. */
export function useOnlineBooking() {
  return useQuery({
    queryKey: onlineBookingKey,
    queryFn: ({ signal }) => fetchRoute('GET /api/online-booking', {}, { signal }),
    staleTime: 60_000,
  });
}

/** The server refused because online booking is closed (it may close while the page is open). */
export function isBookingClosed(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'online_booking_closed';
}
