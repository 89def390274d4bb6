/**
 * The patient account pages and the referring-provider sign-up, in one module
 * so they are one lazily loaded chunk: someone who only books never downloads it.
 */
export { AccountRoot, RequirePatient } from './AccountRoot';
export { ActivatePage } from './ActivatePage';
export { MyPage } from './MyPage';
export { ReferrerSignUpPage } from './ReferrerSignUpPage';
export { PatientSignInPage } from './SignInPage';
