/**
 * Words of every signed-in area (the console and the patient's pages): the session, the sign-in and
 * password forms, dialogs. Registered by each signed-in feature when its chunk loads (registerCatalogs).
 * The English catalog is the source of the keys: signed-in.es.ts must give every one.
 */
export const signedInEn = {
  'dialog.close': 'Close',

  'console.signOut': 'Sign out',

  'console.working': 'Working…',

  'console.timesIn': 'Times are {zone}.',

  'console.role.patient': 'Patient',
  'console.role.caregiver': 'Caregiver',
  'console.role.front_desk': 'Front desk',
  'console.role.nurse': 'Nurse',
  'console.role.clinician': 'Clinician',
  'console.role.billing': 'Billing',
  'console.role.referrer': 'Referring provider',
  'console.role.admin': 'Administrator',

  'console.ended.expired': 'Your session has ended. Please sign in again.',

  'console.field.email': 'Email',
  'console.field.password': 'Password',

  'console.signIn.submit': 'Sign in',
  'console.signIn.working': 'Checking…',
  'console.signIn.forgot': 'Forgot your password?',
  'console.signIn.emailError': 'Enter an email address, for example name@example.com.',
  'console.signIn.passwordError': 'Enter your password.',

  'console.password.new': 'New password',
  'console.password.guidance': 'At least 12 characters. A passphrase of several unrelated words is best, for example "copper lantern river autumn".',
  'console.password.show': 'Show password',
} as const;
