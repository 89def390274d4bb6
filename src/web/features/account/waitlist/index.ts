/**
 * Issue 12's patient-side parts: the "Ask for an earlier visit" panel of an
 * appointment card, the calendar-feed panel, and the public offer page.
 */
export { CalendarFeedPanel } from './CalendarFeedPanel';
export { WaitlistOfferPage } from './WaitlistOfferPage';
export { WaitlistPanel } from './WaitlistPanel';
