import { z } from 'zod';
import { LiveScheduleEvent } from '../../../shared/contracts/staff.js';
import { Uuid } from '../../../shared/contracts/clinic.js';
import { SCHEDULE_CHANNEL } from './desk.repo.js';

/** The desk's live topic: a location's schedule changed on some dates; open desks refetch it. */
export const DESK_SCHEDULE_TOPIC = 'desk.schedule';

/**
 * The desk schedule topic, for the realtime registry (platform/realtime.ts).
 * A subscription follows one location (`locationId`) or, without it, every
 * location, which is what the desk's socket starts with. Bookings and desk
 * changes already notify SCHEDULE_CHANNEL in their own statements, in the
 * transaction that makes the change, so the topic listens there and its
 * frames are those payloads as written.
 *
 * Who may follow it is the caller's answer (`mayRead`): the access policy
 * lives in another module, and app.ts asks it.
 */
export function deskScheduleTopic<S>(mayRead: (session: S) => boolean) {
  return {
    channel: SCHEDULE_CHANNEL,
    params: z.strictObject({ locationId: Uuid.optional() }),
    message: LiveScheduleEvent,
    authorize: (session: S) => mayRead(session),
    key: (p: { locationId?: string }) => p.locationId ?? 'all',
    keysOf: (m: LiveScheduleEvent) => ['all', m.locationId],
  };
}
