/**
 * Words of the patient's pages (/my, activation, sharing) and the referring-provider sign-up; they
 * load with the account chunk (account-pages.tsx registers them).
 * The English catalog is the source of the keys: account.es.ts must give every one.
 */
export const accountEn = {
  'account.signIn.title': 'Sign in to your account',
  'account.signIn.noAccount': 'No account yet? Create one',

  'account.signedOut': 'You are signed out.',

  'account.activate.title': 'Create your patient account',
  'account.activate.lede': 'With an account you can see your appointments and who has accessed your record.',
  'account.activate.way': 'How would you like to find your record?',
  'account.activate.way.booking': 'I have my booking confirmation',
  'account.activate.way.record': 'Find my record by name and date of birth',
  'account.activate.haveBooking': 'Booked online? Open the link in your confirmation email and choose "Create your patient account": it is the quickest way.',
  'account.activate.haveAccount': 'Already have an account? Sign in',
  'account.activate.submit': 'Create my account',

  'account.field.bookingEmail': 'Email you booked with',
  'account.field.bookingEmailHint': 'This becomes the email you sign in with.',
  'account.field.firstName': 'First name',
  'account.field.lastName': 'Last name',
  'account.field.dateOfBirth': 'Date of birth',
  'account.field.code': 'Code from the email',
  'account.field.codeHint': 'The 6-digit code we sent to the email on file. It works once, for 15 minutes.',

  'account.record.title': 'Find your record',
  'account.record.lede': 'Enter your name and date of birth as the clinic has them. We will email a code to the address on file.',
  'account.record.submit': 'Email me a code',

  'account.code.title': 'Enter the code and choose a password',
  'account.code.sent': 'If we found your record, we emailed a code to the address on file.',
  'account.code.resend': 'Send a new code',

  'account.error.firstName': 'Enter your first name.',
  'account.error.lastName': 'Enter your last name.',
  'account.error.dateOfBirth': 'Enter your date of birth.',
  'account.error.code': 'Enter the 6-digit code from the email.',

  'my.title': 'Hello, {name}',

  'my.signedInAs': 'Signed in as {email}.',

  'my.noRecord': 'Your account is not linked to a patient record yet. Please call the clinic.',

  'my.appointments.title': 'Your appointments',
  'my.appointments.none': 'You have no appointments with us yet.',
  'my.appointments.upcoming': 'Coming up',
  'my.appointments.past': 'Past and cancelled',

  'my.status.booked': 'Booked',
  'my.status.checked_in': 'Checked in',
  'my.status.completed': 'Completed',
  'my.status.no_show': 'Missed',
  'my.status.cancelled': 'Cancelled',

  'my.disclosures.title': 'Who has accessed my record',
  'my.disclosures.lede': 'Every time someone opens or changes your information, we record who, when and what. This is your copy of that list.',
  'my.disclosures.none': 'No one has accessed your record yet.',
  'my.disclosures.when': 'When',
  'my.disclosures.who': 'Who',
  'my.disclosures.what': 'What they did',

  'my.action.appointment.create': 'Booked an appointment for you',
  'my.action.appointment.read': 'Viewed your appointment',
  'my.action.appointment.reschedule': 'Moved your appointment to another time',
  'my.action.appointment.cancel': 'Cancelled your appointment',
  'my.action.appointment.status': 'Updated your visit (for example, checked you in)',
  'my.action.schedule.read': 'Viewed your appointment on the schedule',
  'my.action.patient.search': 'Found your record in a search',
  'my.action.disclosures.read': 'Viewed this list',
  'my.action.chart.read.emergency': 'Opened your chart in an emergency',
  'my.action.chart.read': 'Opened your chart',
  'my.action.break_glass.start': 'Opened your record in an emergency',
  'my.action.user.activate': 'Created your patient account',
  'my.action.user.activation_code': 'Asked for a code to create your account',
  'my.action.audit.read': 'Reviewed the access log',
  'my.action.sharing.caregiver_grant': 'Shared your record with a caregiver',
  'my.action.sharing.caregiver_revoke': "Ended a caregiver's access to your record",
  'my.action.shared_records.read': 'Saw your name among the records shared with them',
  'my.action.message.read': 'Read your messages',
  'my.action.message.send': 'Sent a message about your record',
  'my.action.message.download': 'Downloaded a file from your messages',
  'my.action.message.claim': 'Took your message to answer it',
  'my.action.message.assign': 'Passed your message to someone else at the clinic',
  'my.action.message.close': 'Closed your message conversation',
  'my.action.message.note': 'Added a note for the care team about your message',
  'my.action.other': 'Other access ({action})',

  'my.role.public': 'Website',
  'my.role.code_holder': 'Confirmation code',
  'my.role.system': 'Clinic system',

  'my.who.you': 'You',
  'my.who.public': 'Someone using our website',
  'my.who.code_holder': 'Someone with your confirmation code',

  'my.outcome.success': 'Allowed',
  'my.outcome.denied': 'Refused',
  'my.outcome.failure': 'Failed',

  'sharing.title': 'People who can see my record',

  'sharing.lede': 'A family member or a friend can help with your care. Each person gets their own sign-in and sees only what you choose. You can end their access at any time.',

  'sharing.none': 'No one else can see your record.',

  'sharing.scope.full': 'Everything in my record',
  'sharing.scope.limited': 'My appointments only',

  'sharing.since': 'Since {date}',

  'sharing.invited': 'Invited, not signed in yet',

  'sharing.unusable': 'This invitation cannot be used: the email belongs to another kind of account (a patient or a staff member). End it, and invite them again with another email.',

  'sharing.end': 'End access',

  'sharing.endNamed': 'End access: {name}',

  'sharing.endTitle': "End {name}'s access?",

  'sharing.endBody': '{name} ({email}) will no longer see your record, starting now. You can invite them again later.',

  'sharing.keep': 'Keep access',

  'sharing.ended': '{name} can no longer see your record.',

  'sharing.invite.title': 'Invite someone',
  'sharing.invite.name': 'Their name',
  'sharing.invite.nameHint': 'How you and the clinic will see them, for example Mateo Vega.',
  'sharing.invite.email': 'Their email',
  'sharing.invite.emailHint': 'We email them a link to set up their own sign-in.',
  'sharing.invite.scope': 'What can they see?',
  'sharing.invite.submit': 'Send invitation',
  'sharing.invite.sent': '{name} is invited. We emailed them at {email} with what to do next.',

  'sharing.error.name': 'Enter their name.',
  'sharing.error.nameLong': 'Use at most 120 characters for the name.',
  'sharing.error.scope': 'Choose what they can see.',

  'shared.title': 'Records shared with you',

  'shared.lede': 'Patients who asked the clinic to let you help with their care. What you can see depends on what each patient chose.',

  'shared.none': 'No one is sharing their record with you at the moment.',

  'shared.scope.full': 'You can see everything in their record.',
  'shared.scope.limited': 'You can see their appointments only.',

  'shared.appointments.none': 'No appointments with us yet.',

  'referrer.title': 'Referring provider sign-up',

  'referrer.lede': 'Ask for an account to send referrals and follow the patients you refer. The clinic checks every request before the account can be used.',

  'referrer.field.npi': 'NPI',
  'referrer.field.npiHint': 'Your 10-digit National Provider Identifier.',
  'referrer.field.name': 'Your name',
  'referrer.field.nameHint': 'As you would like the clinic to see it, for example Dr. Dana Lee.',
  'referrer.field.practice': 'Practice',
  'referrer.field.email': 'Work email',

  'referrer.submit': 'Ask for an account',

  'referrer.sent': 'Thank you. The clinic will review your request and email you when your account is ready.',

  'referrer.afterNote': 'Once approved, you will set up two-factor sign-in the first time you sign in.',

  'referrer.signIn': 'Already approved? Sign in',

  'referrer.error.npi': 'Enter your 10-digit NPI. Check the number: the last digit must match.',
  'referrer.error.name': 'Enter your name.',
  'referrer.error.practice': 'Use at most 120 characters for the practice name.',

  // issue 11: pages that speak to patients, caregivers and referring providers
  'account.signIn.for': 'For patients and caregivers',
  'account.signIn.lede': 'See your appointments, cancel or move them, and see who has looked at your record. Caregivers see the records that patients share with them.',
  'account.signIn.forgot': 'Forgot your password?',
  'account.signIn.referrer': 'Referring provider? Sign in on the page for clinicians',

  'account.forgot.title': 'Forgot your password?',
  'account.forgot.lede': 'Enter the email you sign in with. We will email you a link to choose a new password.',
  'account.forgot.submit': 'Email me a link',
  'account.forgot.sent': 'If an account exists for {email}, we sent it a link to choose a new password. The link works for one hour. If it does not arrive, check your spam folder.',
  'account.forgot.back': 'Back to sign in',
  'account.reset.title': 'Choose a new password',
  'account.reset.lede': 'Once your new password is saved, you are signed out on every other device.',
  'account.reset.submit': 'Save my new password',
  'account.reset.done': 'Your password is changed, and every other session of your account is signed out.',
  'account.reset.signIn': 'Sign in with your new password',
  'account.reset.expired': 'This link is not valid, was already used, or has expired. A link works for one hour, and only the newest one works.',
  'account.reset.again': 'Ask for a new link',

  'referrer.signIn.title': 'Sign in for referring providers',
  'referrer.signIn.lede': 'For clinicians outside the clinic who refer patients to us. After your password, you enter a code from your authenticator app.',
  'referrer.signIn.signUp': 'No account yet? Ask for one',
  'referrer.signIn.patients': 'Patient or caregiver? Sign in here',
  'referrer.signIn.codeTitle': 'Enter your sign-in code',
  'referrer.signIn.as': 'Signing in as {email}.',
  'referrer.signIn.someoneElse': 'Sign in as someone else',
  'referrer.totp.code': 'Code from your authenticator app',
  'referrer.totp.codeHint': 'Six digits. A new code appears every 30 seconds.',
  'referrer.totp.codeError': 'Enter the 6-digit code from your authenticator app.',
  'referrer.totp.wrongCode': 'That code is not correct or was already used. Wait for the next code and try again.',
  'referrer.totp.recovery': 'Recovery code',
  'referrer.totp.recoveryHint': 'One of the codes you saved when you set up two-factor sign-in. Each code works once.',
  'referrer.totp.recoveryError': 'Enter one of your recovery codes.',
  'referrer.totp.wrongRecovery': 'That recovery code is not correct or was already used.',
  'referrer.totp.verify': 'Verify',
  'referrer.totp.useRecovery': 'Use a recovery code instead',
  'referrer.totp.useApp': 'Use my authenticator app instead',
  'referrer.enroll.title': 'Set up two-factor sign-in',
  'referrer.enroll.lede': "Accounts that can open patients' records need a second step to sign in: a code from an app on your phone. It protects your patients if your password is ever stolen.",
  'referrer.enroll.app': 'Open an authenticator app',
  'referrer.enroll.appBody': 'Use any app that shows time-based codes, such as Google Authenticator, Microsoft Authenticator or 1Password.',
  'referrer.enroll.scan': 'Scan this QR code with the app',
  'referrer.enroll.qrAlt': 'QR code to add your referring-provider account to your authenticator app',
  'referrer.enroll.manual': 'Cannot scan it? Choose to enter a setup key in the app, and type this key:',
  'referrer.enroll.copyKey': 'Copy key',
  'referrer.enroll.openApp': 'On this phone? Open the key in your authenticator app',
  'referrer.enroll.confirm': 'Enter the code the app shows',
  'referrer.enroll.confirmHint': 'This proves the app is set up correctly.',
  'referrer.enroll.submit': 'Turn on two-factor sign-in',
  'referrer.enroll.wrongCode': 'That code does not match. Check that the time on your phone is correct, then enter the newest code.',
  'referrer.recovery.title': 'Save your recovery codes',
  'referrer.recovery.body': 'If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such as a password manager.',
  'referrer.recovery.once': 'This is the only time these codes are shown.',
  'referrer.recovery.copy': 'Copy codes',
  'referrer.recovery.saved': 'I have saved these codes',
  'referrer.recovery.confirmError': 'Confirm that you have saved your recovery codes.',
  'referrer.recovery.continue': 'Continue',

  'my.who.anonymous': 'Someone not signed in',
  'my.role.anonymous': 'Not signed in',
  'my.disclosures.times': '{count} times',
  'my.disclosures.between': '{from} to {to}',
  'my.disclosures.refused': 'Was refused: {why}.',
  'my.disclosures.reasonGiven': 'Reason given: {reason}',
  'my.refusal.not_care_team': 'not on your care team',
  'my.refusal.not_signed_in': 'not signed in',
  'my.refusal.session_ended': 'their session had ended',
  'my.refusal.second_factor': 'they had not finished signing in',
  'my.refusal.role': 'their role does not allow it',
  'my.refusal.no_referral': 'you have no referral to them',
  'my.refusal.caregiver_limited': 'you shared your appointments only',
  'my.refusal.not_their_record': 'it is not their record',
  'my.refusal.wrong_code': 'the code or the details did not match',
  'my.refusal.too_many': 'too many attempts',
  'my.refusal.other': 'not allowed',

  'my.appt.anyPractitioner': 'Also show times with other practitioners who do this visit here',
  'my.appt.callToChange': 'It is too close to this visit to change it online. To cancel or move it, call {location} at {phone}.',
} as const;
