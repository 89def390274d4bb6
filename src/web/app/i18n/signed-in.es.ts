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
};
