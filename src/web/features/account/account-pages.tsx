/**
 * The patient account pages and the referring-provider sign-up, in one module
 * so they are one lazily loaded chunk: someone who only books never downloads it.
 */
import { registerCatalogs } from '../../app/i18n/catalogs';
import { signedInCatalogs } from '../../app/i18n/signed-in-catalogs';
import { accountEn } from './i18n/account.en';
import { accountEs } from './i18n/account.es';

// The account pages' words load with their chunk, before any of its pages renders.
registerCatalogs(signedInCatalogs, { en: accountEn, es: accountEs });

export { AccountRoot, RequirePatient } from './AccountRoot';
export { ActivatePage } from './ActivatePage';
export { WaitlistOfferPage } from './waitlist';
export { MyAppointmentsPage } from './MyAppointmentsPage';
export { MyHomePage } from './MyHomePage';
export { MyLayout } from './MyLayout';
export { MyAccessPage, MyNoticesPage, MySharingPage } from './MyRecordPages';
export { ReferrerSignUpPage } from './ReferrerSignUpPage';
export { PatientSignInPage } from './SignInPage';
export { PatientForgotPasswordPage, PatientResetPasswordPage, ReferrerForgotPasswordPage, ReferrerResetPasswordPage } from './PasswordResetPages';
export { ReferrerSignInPage } from './referrer/ReferrerSignInPage';
// Secure messages (issue 12): the patient's pages, and the unread count other account pages can show.
export { ComposeMessagePage } from '../my/messages/ComposeMessagePage';
export { MessagesInboxPage } from '../my/messages/MessagesInboxPage';
export { MessageThreadPage } from '../my/messages/MessageThreadPage';
export { UnreadBadge, useUnreadCount } from '../my/messages/UnreadBadge';
