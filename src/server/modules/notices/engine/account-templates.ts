import { linkTo, type Draft, type Language, type RenderContext } from './notice-layout.js';

/**
 * Account emails: codes and links that let someone into an account. They name
 * no visit, record or condition (DESIGN "Notifications"); each says what to do
 * if it was not asked for. Spanish uses "usted", as the clinic speaks to
 * patients.
 */
export interface ActivationCodeParams {
  firstName: string;
  /** Six digits, valid once for 15 minutes. */
  code: string;
}
export interface PasswordResetParams {
  /** The one-hour reset token; the link is built under PUBLIC_URL. */
  token: string;
  /**
   * Whose pages the link opens (issue 11): a patient's or caregiver's
   * (/account/...), a referring provider's (/referrers/...), or the staff
   * console's (the default, /reset-password/...). The patient's and the
   * referrer's pages open in the email's language.
   */
  audience?: 'patient' | 'referrer' | 'staff';
}
export interface StaffInvitationParams {
  displayName: string;
  token: string;
}
export interface CaregiverInvitationParams {
  displayName: string;
  /** Null when the caregiver already has an account: they sign in instead. */
  token: string | null;
}
export type SignupExistingParams = Record<string, never>;
export interface ReferrerApprovedParams {
  displayName: string;
}

const pick = <T>(language: Language, en: T, es: T): T => (language === 'es' ? es : en);

export function activationCode(p: ActivationCodeParams, language: Language, ctx: RenderContext): Draft {
  const href = linkTo(ctx, 'account', 'activate');
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: your account code`,
    blocks: [
      `Hello ${p.firstName},`, null,
      `Your code to set up your ${ctx.clinicName} patient account is ${p.code}. It works once, for 15 minutes.`,
      { label: 'Enter it here', href }, null,
      'If you did not ask for it, ignore this email.',
    ],
  }, {
    subject: `${ctx.clinicName}: su código de cuenta`,
    blocks: [
      `Hola ${p.firstName}:`, null,
      `Su código para crear su cuenta de paciente de ${ctx.clinicName} es ${p.code}. Sirve una sola vez, durante 15 minutos.`,
      { label: 'Escríbalo aquí', href }, null,
      'Si usted no lo pidió, ignore este correo.',
    ],
  });
}

/** The reset page of the account's own part of the site; `?lang=` opens it in the email's language. */
function resetLink(p: PasswordResetParams, language: Language, ctx: RenderContext): string {
  if (p.audience === 'patient') return `${linkTo(ctx, 'account', 'reset-password', p.token)}?lang=${language}`;
  if (p.audience === 'referrer') return `${linkTo(ctx, 'referrers', 'reset-password', p.token)}?lang=${language}`;
  return linkTo(ctx, 'reset-password', p.token);
}

export function passwordReset(p: PasswordResetParams, language: Language, ctx: RenderContext): Draft {
  const href = resetLink(p, language, ctx);
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: reset your password`,
    blocks: [
      `Someone asked to reset the password of your ${ctx.clinicName} account. If it was you, choose a new password within one hour:`,
      { label: 'Choose a new password', href }, null,
      'If it was not you, ignore this email; your password has not changed.',
    ],
  }, {
    subject: `${ctx.clinicName}: restablezca su contraseña`,
    blocks: [
      `Alguien pidió restablecer la contraseña de su cuenta de ${ctx.clinicName}. Si fue usted, elija una contraseña nueva en el plazo de una hora:`,
      { label: 'Elegir una contraseña nueva', href }, null,
      'Si no fue usted, ignore este correo; su contraseña no ha cambiado.',
    ],
  });
}

export function staffInvitation(p: StaffInvitationParams, language: Language, ctx: RenderContext): Draft {
  const href = linkTo(ctx, 'console', 'invite', p.token);
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: you are invited to the staff console`,
    blocks: [
      `Hello ${p.displayName},`, null,
      `You have been invited to the ${ctx.clinicName} staff console. Set your password and two-factor sign-in within 7 days:`,
      { label: 'Set up your account', href },
    ],
  }, {
    subject: `${ctx.clinicName}: le invitamos a la consola del personal`,
    blocks: [
      `Hola ${p.displayName}:`, null,
      `Se le ha invitado a la consola del personal de ${ctx.clinicName}. Configure su contraseña y el inicio de sesión en dos pasos en un plazo de 7 días:`,
      { label: 'Configurar su cuenta', href },
    ],
  });
}

export function caregiverInvitation(p: CaregiverInvitationParams, language: Language, ctx: RenderContext): Draft {
  const href = p.token ? linkTo(ctx, 'caregiver-invite', p.token) : linkTo(ctx, 'sign-in');
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: you have been given access as a caregiver`,
    blocks: [
      `Hello ${p.displayName},`, null,
      `A patient of ${ctx.clinicName} has named you as a caregiver.`,
      p.token ? 'Set up your account within 7 days:' : 'Sign in to your account to see what has been shared with you.',
      { label: p.token ? 'Set up your account' : 'Sign in', href },
    ],
  }, {
    subject: `${ctx.clinicName}: se le ha dado acceso como cuidador`,
    blocks: [
      `Hola ${p.displayName}:`, null,
      `Un paciente de ${ctx.clinicName} le ha designado como cuidador.`,
      p.token ? 'Cree su cuenta en un plazo de 7 días:' : 'Inicie sesión en su cuenta para ver lo que se ha compartido con usted.',
      { label: p.token ? 'Crear su cuenta' : 'Iniciar sesión', href },
    ],
  });
}

/** To the owner of an email someone tried to sign up with as a referring provider. */
export function signupExisting(_p: SignupExistingParams, language: Language, ctx: RenderContext): Draft {
  const href = linkTo(ctx, 'sign-in');
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: someone tried to sign up with your email`,
    blocks: [
      'Someone asked for a referring-provider account with this email address, which already has an account. If it was you, sign in or reset your password. If not, you can ignore this email.',
      { label: 'Sign in', href },
    ],
  }, {
    subject: `${ctx.clinicName}: alguien intentó registrarse con su correo electrónico`,
    blocks: [
      'Alguien pidió una cuenta de proveedor remitente con esta dirección de correo electrónico, que ya tiene una cuenta. Si fue usted, inicie sesión o restablezca su contraseña. Si no, puede ignorar este correo.',
      { label: 'Iniciar sesión', href },
    ],
  });
}

/**
 * To a referring provider whose account the clinic approved (issue 11): they
 * may sign in now. It names no patient and no referral, only the account.
 */
export function referrerApproved(p: ReferrerApprovedParams, language: Language, ctx: RenderContext): Draft {
  const href = linkTo(ctx, 'console', 'sign-in');
  return pick<Draft>(language, {
    subject: `${ctx.clinicName}: your referring-provider account is approved`,
    blocks: [
      `Hello ${p.displayName},`, null,
      `${ctx.clinicName} has approved your referring-provider account. Sign in with the email and password you chose; you will set up two-factor sign-in the first time:`,
      { label: 'Sign in', href }, null,
      'If you did not ask for an account, reply to let the clinic know.',
    ],
  }, {
    subject: `${ctx.clinicName}: su cuenta de proveedor remitente está aprobada`,
    blocks: [
      `Hola ${p.displayName}:`, null,
      `${ctx.clinicName} aprobó su cuenta de proveedor remitente. Inicie sesión con el correo electrónico y la contraseña que eligió; la primera vez configurará el inicio de sesión en dos pasos:`,
      { label: 'Iniciar sesión', href }, null,
      'Si usted no pidió una cuenta, responda a este correo para avisar a la clínica.',
    ],
  });
}

