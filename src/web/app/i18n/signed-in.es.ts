import type { CatalogOf } from './catalog';
import type { signedInEn } from './signed-in.en';

/** Spanish for signed-in.en.ts: the same keys and parameters. */
export const signedInEs: CatalogOf<typeof signedInEn> = {
  'dialog.close': 'Cerrar',

  'console.signOut': 'Cerrar sesión',

  'console.working': 'Procesando…',

  'console.timesIn': 'Las horas están en {zone}.',

  'console.role.patient': 'Paciente',
  'console.role.caregiver': 'Cuidador',
  'console.role.front_desk': 'Recepción',
  'console.role.nurse': 'Enfermería',
  'console.role.clinician': 'Médico tratante',
  'console.role.billing': 'Facturación',
  'console.role.referrer': 'Proveedor que refiere',
  'console.role.admin': 'Administrador',

  'console.ended.expired': 'Su sesión terminó. Por favor inicie sesión de nuevo.',

  'console.field.email': 'Correo electrónico',
  'console.field.password': 'Contraseña',

  'console.signIn.submit': 'Iniciar sesión',
  'console.signIn.working': 'Verificando…',
  'console.signIn.forgot': '¿Olvidó su contraseña?',
  'console.signIn.emailError': 'Escriba un correo electrónico, por ejemplo nombre@ejemplo.com.',
  'console.signIn.passwordError': 'Escriba su contraseña.',

  'console.password.new': 'Contraseña nueva',
  'console.password.guidance': 'Al menos 12 caracteres. Lo mejor es una frase de varias palabras sin relación, por ejemplo "cobre linterna río otoño".',
  'console.password.show': 'Mostrar la contraseña',
  // Mensajes seguros (issue 12).
  'messages.topic.medical': 'Pregunta médica',
  'messages.topic.scheduling': 'Citas',
  'messages.topic.billing': 'Facturación',
  'messages.topic.forms_records': 'Formularios y expedientes',
  'messages.topic.other': 'Otro asunto',
  'messages.status.open': 'Abierta',
  'messages.status.closed': 'Cerrada',
  'messages.unread': '{count} sin leer',
  'messages.unreadOne': 'Nuevo',
  'messages.author.caregiver': '{name} (cuidador)',
  'messages.sentAt': 'Enviado el {when}',
  'messages.list.label': 'Mensajes, del más antiguo al más reciente',
  'messages.body.label': 'Mensaje',
  'messages.body.error': 'Escriba su mensaje.',
  'messages.send': 'Enviar',
  'messages.sending': 'Enviando…',
  'messages.newArrived': 'Llegó un mensaje nuevo.',
  'messages.live.reconnecting': 'Reconectando para recibir los mensajes nuevos en cuanto lleguen…',
  'messages.files.label': 'Archivos adjuntos',
  'messages.files.hint': 'Archivos PDF, JPEG o PNG, hasta 5 archivos de 10 MB cada uno.',
  'messages.files.choose': 'Agregar archivos',
  'messages.files.attached': 'Archivos para enviar',
  'messages.files.remove': 'Quitar {name}',
  'messages.files.problem.type': 'No se puede enviar {name}: solo se pueden adjuntar archivos PDF, JPEG y PNG.',
  'messages.files.problem.size': 'No se puede enviar {name}: pesa más de 10 MB.',
  'messages.files.problem.empty': 'No se puede enviar {name}: el archivo está vacío.',
  'messages.files.problem.count': 'No se agregó {name}: un mensaje puede llevar como máximo 5 archivos.',
  'messages.attachments': 'Archivos adjuntos',
  'messages.attachment.size': '{type} de {size}',
  'messages.attachment.pdf': 'Documento PDF',
  'messages.attachment.image': 'Imagen',
};
