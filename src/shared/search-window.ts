/**
 * How many days one availability search may cover: the server refuses more
 * (it bounds the work of one request), and the booking pages and the desk ask
 * for exactly this many at a time.
 */
export const MAX_SEARCH_DAYS = 31;

/** How many days the staff schedule desk shows at most (a week). */
export const MAX_DESK_DAYS = 7;
