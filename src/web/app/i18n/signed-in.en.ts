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
  // Secure messages (issue 12): words both the patient's pages and the console's inbox use.
  'messages.topic.medical': 'Medical question',
  'messages.topic.scheduling': 'Scheduling',
  'messages.topic.billing': 'Billing',
  'messages.topic.forms_records': 'Forms and records',
  'messages.topic.other': 'Something else',
  'messages.status.open': 'Open',
  'messages.status.closed': 'Closed',
  'messages.unread': '{count} unread',
  'messages.unreadOne': 'New',
  'messages.author.caregiver': '{name} (caregiver)',
  'messages.sentAt': 'Sent {when}',
  'messages.list.label': 'Messages, oldest first',
  'messages.body.label': 'Message',
  'messages.body.error': 'Write your message.',
  'messages.send': 'Send',
  'messages.sending': 'Sending…',
  'messages.newArrived': 'A new message arrived.',
  'messages.live.reconnecting': 'Reconnecting to get new messages as they arrive…',
  'messages.files.label': 'Attachments',
  'messages.files.hint': 'PDF, JPEG or PNG files, up to 5 files of 10 MB each.',
  'messages.files.choose': 'Add files',
  'messages.files.attached': 'Files to send',
  'messages.files.remove': 'Remove {name}',
  'messages.files.problem.type': '{name} cannot be sent: only PDF, JPEG and PNG files can be attached.',
  'messages.files.problem.size': '{name} cannot be sent: it is larger than 10 MB.',
  'messages.files.problem.empty': '{name} cannot be sent: the file is empty.',
  'messages.files.problem.count': '{name} was not added: a message can carry at most 5 files.',
  'messages.attachments': 'Attachments',
  'messages.attachment.size': '{type}, {size}',
  'messages.attachment.pdf': 'PDF document',
  'messages.attachment.image': 'Image',
} as const;
