import type { CatalogOf } from '../../../app/i18n/catalog';
import type { accountEn } from './account.en';

/** Spanish for account.en.ts: the same keys and parameters. */
export const accountEs: CatalogOf<typeof accountEn> = {
  'account.signIn.title': 'Inicie sesión en su cuenta',
  'account.signIn.noAccount': '¿Todavía no tiene cuenta? Créela aquí',

  'account.signedOut': 'Cerró su sesión.',

  'account.activate.title': 'Cree su cuenta de paciente',
  'account.activate.lede': 'Con una cuenta puede ver sus citas y quién ha consultado su expediente.',
  'account.activate.way': '¿Cómo quiere que encontremos su expediente?',
  'account.activate.way.booking': 'Tengo la confirmación de mi cita',
  'account.activate.way.record': 'Buscar mi expediente por nombre y fecha de nacimiento',
  'account.activate.haveBooking': '¿Hizo su cita en línea? Abra el enlace de su correo de confirmación y elija "Crear mi cuenta de paciente": es la forma más rápida.',
  'account.activate.haveAccount': '¿Ya tiene cuenta? Inicie sesión',
  'account.activate.submit': 'Crear mi cuenta',

  'account.field.bookingEmail': 'Correo electrónico con el que hizo la cita',
  'account.field.bookingEmailHint': 'Será el correo electrónico con el que inicie sesión.',
  'account.field.firstName': 'Nombre',
  'account.field.lastName': 'Apellido',
  'account.field.dateOfBirth': 'Fecha de nacimiento',
  'account.field.code': 'Código del correo electrónico',
  'account.field.codeHint': 'El código de 6 dígitos que enviamos al correo electrónico registrado. Sirve una sola vez, durante 15 minutos.',

  'account.record.title': 'Busque su expediente',
  'account.record.lede': 'Escriba su nombre y su fecha de nacimiento tal como los tiene la clínica. Le enviaremos un código al correo electrónico registrado.',
  'account.record.submit': 'Enviarme un código',

  'account.code.title': 'Escriba el código y elija una contraseña',
  'account.code.sent': 'Si encontramos su expediente, le enviamos un código al correo electrónico registrado.',
  'account.code.resend': 'Enviar un código nuevo',

  'account.error.firstName': 'Escriba su nombre.',
  'account.error.lastName': 'Escriba su apellido.',
  'account.error.dateOfBirth': 'Escriba su fecha de nacimiento.',
  'account.error.code': 'Escriba el código de 6 dígitos del correo electrónico.',

  'my.title': 'Hola, {name}',

  'my.signedInAs': 'Sesión iniciada como {email}.',

  'my.noRecord': 'Su cuenta todavía no está vinculada a un expediente. Por favor llame a la clínica.',

  'my.appointments.title': 'Sus citas',
  'my.appointments.none': 'Todavía no tiene citas con nosotros.',
  'my.appointments.upcoming': 'Próximas',
  'my.appointments.past': 'Pasadas y canceladas',

  'my.status.booked': 'Programada',
  'my.status.checked_in': 'Registrado',
  'my.status.completed': 'Completada',
  'my.status.no_show': 'No asistió',
  'my.status.cancelled': 'Cancelada',

  'my.disclosures.title': 'Quién ha consultado mi expediente',
  'my.disclosures.lede': 'Cada vez que alguien abre o cambia su información, registramos quién, cuándo y qué hizo. Esta es su copia de esa lista.',
  'my.disclosures.none': 'Nadie ha consultado su expediente todavía.',
  'my.disclosures.when': 'Cuándo',
  'my.disclosures.who': 'Quién',
  'my.disclosures.what': 'Qué hizo',

  'my.action.appointment.create': 'Le hizo una cita',
  'my.action.appointment.read': 'Vio su cita',
  'my.action.appointment.reschedule': 'Cambió su cita a otra hora',
  'my.action.appointment.cancel': 'Canceló su cita',
  'my.action.appointment.status': 'Actualizó su consulta (por ejemplo, registró su llegada)',
  'my.action.schedule.read': 'Vio su cita en la agenda',
  'my.action.patient.search': 'Encontró su expediente en una búsqueda',
  'my.action.disclosures.read': 'Vio esta lista',
  'my.action.chart.read.emergency': 'Abrió su expediente en una emergencia',
  'my.action.chart.read': 'Abrió su expediente',
  'my.action.break_glass.start': 'Abrió su expediente en una emergencia',
  'my.action.user.activate': 'Creó su cuenta de paciente',
  'my.action.user.activation_code': 'Pidió un código para crear su cuenta',
  'my.action.audit.read': 'Revisó el registro de accesos',
  'my.action.sharing.caregiver_grant': 'Compartió su expediente con un cuidador',
  'my.action.sharing.caregiver_revoke': 'Quitó a un cuidador el acceso a su expediente',
  'my.action.shared_records.read': 'Vio su nombre entre los expedientes compartidos con esa persona',
  'my.action.message.read': 'Leyó sus mensajes',
  'my.action.message.send': 'Envió un mensaje sobre su expediente',
  'my.action.message.download': 'Descargó un archivo de sus mensajes',
  'my.action.message.claim': 'Tomó su mensaje para responderlo',
  'my.action.message.assign': 'Pasó su mensaje a otra persona de la clínica',
  'my.action.message.close': 'Cerró su conversación de mensajes',
  'my.action.message.note': 'Agregó una nota para el equipo sobre su mensaje',
  'my.action.other': 'Otro acceso ({action})',

  'my.role.public': 'Sitio web',
  'my.role.code_holder': 'Código de confirmación',
  'my.role.system': 'Sistema de la clínica',

  'my.who.you': 'Usted',
  'my.who.public': 'Alguien en nuestro sitio web',
  'my.who.code_holder': 'Alguien con su código de confirmación',

  'my.outcome.success': 'Permitido',
  'my.outcome.denied': 'Rechazado',
  'my.outcome.failure': 'Falló',

  'sharing.title': 'Personas que pueden ver mi expediente',

  'sharing.lede': 'Un familiar o un amigo puede ayudarle con su atención. Cada persona tiene su propio acceso y ve solo lo que usted elija. Puede quitarle el acceso en cualquier momento.',

  'sharing.none': 'Nadie más puede ver su expediente.',

  'sharing.scope.full': 'Todo mi expediente',
  'sharing.scope.limited': 'Solo mis citas',

  'sharing.since': 'Desde el {date}',

  'sharing.invited': 'Invitado, todavía no ha entrado',

  'sharing.unusable': 'Esta invitación no se puede usar: el correo pertenece a otro tipo de cuenta (de un paciente o del personal). Termínela e invite a esta persona con otro correo.',

  'sharing.end': 'Quitar acceso',

  'sharing.endNamed': 'Quitar acceso: {name}',

  'sharing.endTitle': '¿Quitar el acceso de {name}?',

  'sharing.endBody': '{name} ({email}) dejará de ver su expediente desde ahora. Puede invitarle de nuevo más adelante.',

  'sharing.keep': 'Mantener el acceso',

  'sharing.ended': '{name} ya no puede ver su expediente.',

  'sharing.invite.title': 'Invitar a alguien',
  'sharing.invite.name': 'Nombre de la persona',
  'sharing.invite.nameHint': 'Cómo la verán usted y la clínica, por ejemplo Mateo Vega.',
  'sharing.invite.email': 'Correo electrónico de la persona',
  'sharing.invite.emailHint': 'Le enviamos un enlace para crear su propio acceso.',
  'sharing.invite.scope': '¿Qué puede ver?',
  'sharing.invite.submit': 'Enviar invitación',
  'sharing.invite.sent': 'Invitamos a {name}. Le enviamos un correo a {email} con los siguientes pasos.',

  'sharing.error.name': 'Escriba el nombre de la persona.',
  'sharing.error.nameLong': 'Use como máximo 120 caracteres para el nombre.',
  'sharing.error.scope': 'Elija qué puede ver.',

  'shared.title': 'Expedientes compartidos con usted',

  'shared.lede': 'Pacientes que pidieron a la clínica que usted les ayude con su atención. Lo que puede ver depende de lo que eligió cada paciente.',

  'shared.none': 'Por ahora nadie comparte su expediente con usted.',

  'shared.scope.full': 'Puede ver todo su expediente.',
  'shared.scope.limited': 'Solo puede ver sus citas.',

  'shared.appointments.none': 'Todavía no tiene citas con nosotros.',

  'referrer.title': 'Registro de proveedores que refieren',

  'referrer.lede': 'Solicite una cuenta para enviar referidos y dar seguimiento a los pacientes que nos refiere. La clínica revisa cada solicitud antes de activar la cuenta.',

  'referrer.field.npi': 'NPI',
  'referrer.field.npiHint': 'Su Identificador Nacional de Proveedor (NPI) de 10 dígitos.',
  'referrer.field.name': 'Su nombre',
  'referrer.field.nameHint': 'Como quiere que lo vea la clínica, por ejemplo Dra. Dana Lee.',
  'referrer.field.practice': 'Consultorio',
  'referrer.field.email': 'Correo electrónico del trabajo',

  'referrer.submit': 'Solicitar una cuenta',

  'referrer.sent': 'Gracias. La clínica revisará su solicitud y le avisará por correo electrónico cuando su cuenta esté lista.',

  'referrer.afterNote': 'Cuando se apruebe, configurará el inicio de sesión en dos pasos la primera vez que entre.',

  'referrer.signIn': '¿Ya lo aprobaron? Inicie sesión',

  'referrer.error.npi': 'Escriba su NPI de 10 dígitos. Revise el número: el último dígito debe coincidir.',
  'referrer.error.name': 'Escriba su nombre.',
  'referrer.error.practice': 'Use como máximo 120 caracteres para el nombre del consultorio.',

  // issue 11: páginas que hablan a pacientes, cuidadores y proveedores remitentes
  'account.signIn.for': 'Para pacientes y cuidadores',
  'account.signIn.lede': 'Vea sus citas, cancélelas o cámbielas, y vea quién ha consultado su expediente. Los cuidadores ven los expedientes que los pacientes comparten con ellos.',
  'account.signIn.forgot': '¿Olvidó su contraseña?',
  'account.signIn.referrer': '¿Es proveedor remitente? Inicie sesión en la página para clínicos',

  'account.forgot.title': '¿Olvidó su contraseña?',
  'account.forgot.lede': 'Escriba el correo electrónico con el que inicia sesión. Le enviaremos un enlace para elegir una contraseña nueva.',
  'account.forgot.submit': 'Enviarme un enlace',
  'account.forgot.sent': 'Si existe una cuenta para {email}, le enviamos un enlace para elegir una contraseña nueva. El enlace sirve por una hora. Si no llega, revise su carpeta de correo no deseado.',
  'account.forgot.back': 'Volver a iniciar sesión',
  'account.reset.title': 'Elija una contraseña nueva',
  'account.reset.lede': 'Cuando guarde su contraseña nueva, se cerrará su sesión en todos los demás dispositivos.',
  'account.reset.submit': 'Guardar mi contraseña nueva',
  'account.reset.done': 'Su contraseña cambió y se cerraron todas las demás sesiones de su cuenta.',
  'account.reset.signIn': 'Iniciar sesión con su contraseña nueva',
  'account.reset.expired': 'Este enlace no es válido, ya se usó o ya venció. Un enlace sirve por una hora y solo funciona el más reciente.',
  'account.reset.again': 'Pedir un enlace nuevo',

  'referrer.signIn.title': 'Inicio de sesión para proveedores remitentes',
  'referrer.signIn.lede': 'Para clínicos de fuera de la clínica que nos remiten pacientes. Después de su contraseña, escribirá un código de su aplicación de autenticación.',
  'referrer.signIn.signUp': '¿Todavía no tiene cuenta? Solicítela',
  'referrer.signIn.patients': '¿Es paciente o cuidador? Inicie sesión aquí',
  'referrer.signIn.codeTitle': 'Escriba su código de inicio de sesión',
  'referrer.signIn.as': 'Iniciando sesión como {email}.',
  'referrer.signIn.someoneElse': 'Iniciar sesión como otra persona',
  'referrer.totp.code': 'Código de su aplicación de autenticación',
  'referrer.totp.codeHint': 'Seis dígitos. Aparece un código nuevo cada 30 segundos.',
  'referrer.totp.codeError': 'Escriba el código de 6 dígitos de su aplicación de autenticación.',
  'referrer.totp.wrongCode': 'Ese código no es correcto o ya se usó. Espere el siguiente código e intente de nuevo.',
  'referrer.totp.recovery': 'Código de recuperación',
  'referrer.totp.recoveryHint': 'Uno de los códigos que guardó al configurar el inicio de sesión en dos pasos. Cada código sirve una vez.',
  'referrer.totp.recoveryError': 'Escriba uno de sus códigos de recuperación.',
  'referrer.totp.wrongRecovery': 'Ese código de recuperación no es correcto o ya se usó.',
  'referrer.totp.verify': 'Verificar',
  'referrer.totp.useRecovery': 'Usar un código de recuperación',
  'referrer.totp.useApp': 'Usar mi aplicación de autenticación',
  'referrer.enroll.title': 'Configure el inicio de sesión en dos pasos',
  'referrer.enroll.lede': 'Las cuentas que pueden abrir expedientes de pacientes necesitan un segundo paso para iniciar sesión: un código de una aplicación en su teléfono. Protege a sus pacientes si alguien roba su contraseña.',
  'referrer.enroll.app': 'Abra una aplicación de autenticación',
  'referrer.enroll.appBody': 'Use cualquier aplicación que muestre códigos basados en la hora, como Google Authenticator, Microsoft Authenticator o 1Password.',
  'referrer.enroll.scan': 'Escanee este código QR con la aplicación',
  'referrer.enroll.qrAlt': 'Código QR para agregar su cuenta de proveedor remitente a su aplicación de autenticación',
  'referrer.enroll.manual': '¿No puede escanearlo? Elija escribir una clave de configuración en la aplicación y escriba esta clave:',
  'referrer.enroll.copyKey': 'Copiar la clave',
  'referrer.enroll.openApp': '¿Está en este teléfono? Abra la clave en su aplicación de autenticación',
  'referrer.enroll.confirm': 'Escriba el código que muestra la aplicación',
  'referrer.enroll.confirmHint': 'Así comprobamos que la aplicación quedó bien configurada.',
  'referrer.enroll.submit': 'Activar el inicio de sesión en dos pasos',
  'referrer.enroll.wrongCode': 'Ese código no coincide. Revise que la hora de su teléfono sea correcta y escriba el código más reciente.',
  'referrer.recovery.title': 'Guarde sus códigos de recuperación',
  'referrer.recovery.body': 'Si pierde su teléfono, cada uno de estos códigos le permite iniciar sesión una vez. Guárdelos en un lugar seguro, como un administrador de contraseñas.',
  'referrer.recovery.once': 'Esta es la única vez que se muestran estos códigos.',
  'referrer.recovery.copy': 'Copiar los códigos',
  'referrer.recovery.saved': 'Ya guardé estos códigos',
  'referrer.recovery.confirmError': 'Confirme que guardó sus códigos de recuperación.',
  'referrer.recovery.continue': 'Continuar',

  'my.who.anonymous': 'Alguien sin iniciar sesión',
  'my.role.anonymous': 'Sin iniciar sesión',
  'my.disclosures.times': '{count} veces',
  'my.disclosures.between': 'de {from} a {to}',
  'my.disclosures.refused': 'Se rechazó: {why}.',
  'my.disclosures.reasonGiven': 'Motivo indicado: {reason}',
  'my.refusal.not_care_team': 'no forma parte de su equipo de atención',
  'my.refusal.not_signed_in': 'no había iniciado sesión',
  'my.refusal.session_ended': 'su sesión había terminado',
  'my.refusal.second_factor': 'no había terminado de iniciar sesión',
  'my.refusal.role': 'su función no lo permite',
  'my.refusal.no_referral': 'usted no tiene una remisión con esa persona',
  'my.refusal.caregiver_limited': 'usted compartió solo sus citas',
  'my.refusal.not_their_record': 'no es su expediente',
  'my.refusal.wrong_code': 'el código o los datos no coincidieron',
  'my.refusal.too_many': 'demasiados intentos',
  'my.refusal.other': 'no está permitido',

  'my.appt.anyPractitioner': 'Mostrar también horarios con otros profesionales que hacen esta consulta aquí',
  'my.appt.callToChange': 'Falta muy poco para esta consulta para cambiarla en línea. Para cancelarla o cambiarla, llame a {location} al {phone}.',
};
