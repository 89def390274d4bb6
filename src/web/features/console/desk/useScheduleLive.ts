import { LiveScheduleEvent } from '../../../../shared/contracts/staff';
import { useLiveSocket, type LiveStatus } from '../../../app/live/useLiveSocket';
import { deskKeys } from './desk-api';

/**
 * The desk's live feed: whenever any desk or the public site changes a
 * location's schedule, the server says so and the desk refetches it; after a
 * reconnect every schedule and the availability are refetched, since changes
 * may have been missed. The server subscribes a staff socket itself, so the
 * desk sends no subscribe frames. When the server closes the socket because
 * its session ended (signed out elsewhere, revoked, expired), `onSessionEnded`
 * runs: the console asks for its session and, if it is over, goes back to
 * sign-in, which unmounts the desk and stops reconnecting; the desk of the
 * next sign-in opens a new socket.
 */
export function useScheduleLive(enabled: boolean, onSessionEnded?: () => void): LiveStatus {
  return useLiveSocket({
    enabled,
    path: '/api/staff/live',
    frame: LiveScheduleEvent,
    staleOnFrame: (e) => [deskKeys.scheduleOf(e.locationId), deskKeys.availability],
    staleOnReconnect: [deskKeys.schedules, deskKeys.availability],
    onSessionEnded,
  });
}
