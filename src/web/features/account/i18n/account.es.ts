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
};
