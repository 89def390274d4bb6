import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import {
  ActivateFromBooking, ActivateWithCode, ActivationCodeRequest, ReferrerSignup,
  ActiveSession, InviteInfo, NewPasswordRequest, PasswordResetRequest, SecondFactorRequest, SessionInfo, SignInRequest, TokenParam,
  TotpConfirmRequest, TotpConfirmed, TotpEnrollment, VisitorAnswer,
} from '../../../shared/contracts/identity.js';
import { AppError } from '../../../shared/errors.js';
import { clearSessionCookie, cookieName, setSessionCookie, type CurrentSession, type IssuedSession } from '../access/index.js';
import type { Clock } from '../../platform/clock.js';
import { idleTimeoutSec, type IdentityService } from './identity.service.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const identityRoutes =
  (identity: IdentityService, opts: { secureCookies: boolean; clock: Clock }): FastifyPluginAsyncZod =>
  async (app) => {
    const secure = opts.secureCookies;

    /** The body every sign-in step answers with; the token itself travels only in the cookie. */
    const info = (user: CurrentSession['user'], s: IssuedSession, next: 'done' | 'totp' | 'enroll_totp') => ({
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, patientId: user.patientId },
      next,
      csrfToken: s.csrfToken,
      expiresAt: iso(s.expiresAt),
      idleExpiresAt: iso(opts.clock.now() + s.idleTimeoutSec * 1000),
      idleTimeoutSec: s.idleTimeoutSec,
    });
    const nextOf = (c: CurrentSession) => (c.mfaPassed ? 'done' : c.user.totpEnabled ? 'totp' : 'enroll_totp') as 'done' | 'totp' | 'enroll_totp';
    const current = (c: CurrentSession | null): CurrentSession => {
      if (!c) throw new AppError('UNAUTHENTICATED', 'Please sign in.', { reason: 'sign_in_required' });
      return c;
    };

    app.get('/api/session', { config: { policy: 'signed_in' }, schema: { tags: ['session'], summary: 'The current session', response: { 200: SessionInfo } } }, async (req) => {
      const c = current(req.session);
      return {
        user: { id: c.user.id, email: c.user.email, displayName: c.user.displayName, role: c.user.role, patientId: c.user.patientId },
        next: nextOf(c), csrfToken: c.csrfToken, expiresAt: iso(c.expiresAt), idleExpiresAt: iso(c.idleExpiresAt),
        idleTimeoutSec: idleTimeoutSec(c.user.role),
      };
    });

    // The public pages' header: whoever is signed in here, or no one, without a 401 for every visitor (issue 11).
    app.get('/api/session/visitor', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Who the page header greets: the signed-in person, or no one', response: { 200: VisitorAnswer } } }, async (req, reply) => {
      const c = await identity.resolveSession(req.cookies[cookieName(secure)]);
      reply.header('cache-control', 'no-store');
      return { visitor: c?.mfaPassed ? { displayName: c.user.displayName, role: c.user.role, csrfToken: c.csrfToken } : null };
    });

    app.post('/api/session', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Sign in with email and password', body: SignInRequest, response: { 200: SessionInfo } } }, async (req, reply) => {
      const { session, user, next } = await identity.signIn(req.body.email, req.body.password, req.audit);
      setSessionCookie(reply, secure, session);
      return info(user, session, next);
    });

    app.post('/api/session/second-factor', { config: { policy: 'signed_in' }, schema: { tags: ['session'], summary: 'Finish signing in with a TOTP or recovery code', body: SecondFactorRequest, response: { 200: SessionInfo } } }, async (req, reply) => {
      const c = current(req.session);
      const session = await identity.verifySecondFactor(c, req.body, req.audit);
      setSessionCookie(reply, secure, session);
      return info(c.user, session, 'done');
    });

    app.post('/api/session/totp/enroll', { config: { policy: 'signed_in' }, schema: { tags: ['session'], summary: 'Start setting up an authenticator app', response: { 200: TotpEnrollment } } }, async (req) => {
      const e = await identity.startTotpEnrollment(current(req.session));
      return { ...e, qrSvg: await QRCode.toString(e.otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
    });

    app.post('/api/session/totp/confirm', { config: { policy: 'signed_in' }, schema: { tags: ['session'], summary: 'Confirm the authenticator app with its first code', body: TotpConfirmRequest, response: { 200: TotpConfirmed } } }, async (req, reply) => {
      const c = current(req.session);
      const { session, recoveryCodes } = await identity.confirmTotpEnrollment(c, req.body.code, req.audit);
      setSessionCookie(reply, secure, session);
      return { session: info(c.user, session, 'done'), recoveryCodes };
    });

    app.delete('/api/session', { config: { policy: 'signed_in' }, schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
      await identity.signOut(current(req.session), false, req.audit);
      clearSessionCookie(reply, secure);
      return reply.header('clear-site-data', '"cache", "cookies", "storage"').code(204).send();
    });

    // Ending the account's other sessions takes the whole sign-in, not the password alone (issue 9, defect 6).
    app.post('/api/session/sign-out-everywhere', { config: { policy: 'session.self' }, schema: { tags: ['session'], summary: 'End every session of this account' } }, async (req, reply) => {
      await identity.signOut(current(req.session), true, req.audit);
      clearSessionCookie(reply, secure);
      return reply.header('clear-site-data', '"cache", "cookies", "storage"').code(204).send();
    });

    app.get('/api/session/list', { config: { policy: 'session.self' }, schema: { tags: ['session'], summary: 'My active sessions', response: { 200: z.object({ items: z.array(ActiveSession) }) } } }, async (req) => {
      const c = current(req.session);
      const items = await identity.listSessions(c);
      return {
        items: items.map((s) => ({
          id: s.idHash.slice(0, 16), createdAt: iso(s.createdAt), lastSeenAt: iso(s.lastSeenAt), sourceIp: s.sourceIp, userAgent: s.userAgent, current: s.idHash === c.idHash,
        })),
      };
    });

    app.delete('/api/session/list/:id', { config: { policy: 'session.self' }, schema: { tags: ['session'], summary: 'End one of my sessions', params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/) }) } }, async (req, reply) => {
      await identity.revokeSession(current(req.session), req.params.id, req.audit);
      return reply.code(204).send();
    });

    app.get('/api/invites/:token', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Who an invitation is for', params: TokenParam, response: { 200: InviteInfo } } }, async (req) =>
      identity.describeInvite(req.params.token),
    );

    app.post('/api/invites/:token', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Accept an invitation by choosing a password', params: TokenParam, body: NewPasswordRequest, response: { 200: SessionInfo } } }, async (req, reply) => {
      const { session, user, next } = await identity.acceptInvite(req.params.token, req.body.password, req.audit);
      setSessionCookie(reply, secure, session);
      return info(user, session, next);
    });

    app.post('/api/account/activate', { config: { policy: 'public' }, schema: { tags: ['account'], summary: 'A patient creates their account with a booking confirmation', body: ActivateFromBooking, response: { 200: SessionInfo } } }, async (req, reply) => {
      const { session, user, next } = await identity.activateFromBooking(req.body, req.audit);
      setSessionCookie(reply, secure, session);
      return info(user, session, next);
    });

    app.post('/api/account/activation-code', { config: { policy: 'public' }, schema: { tags: ['account'], summary: 'Email a one-time code to the patient on file (same answer either way)', body: ActivationCodeRequest } }, async (req, reply) => {
      await identity.requestActivationCode(req.body, req.audit);
      return reply.code(202).send({ status: 'If we found your record, we emailed a code to the address on file.' });
    });

    app.post('/api/account/activate-with-code', { config: { policy: 'public' }, schema: { tags: ['account'], summary: 'A patient creates their account with the emailed code', body: ActivateWithCode, response: { 200: SessionInfo } } }, async (req, reply) => {
      const { session, user, next } = await identity.activateWithCode(req.body, req.audit);
      setSessionCookie(reply, secure, session);
      return info(user, session, next);
    });

    app.post('/api/referrers/signup', { config: { policy: 'public' }, schema: { tags: ['account'], summary: 'A referring provider asks for an account (NPI checked; staff approve)', body: ReferrerSignup } }, async (req, reply) => {
      await identity.signUpReferrer(req.body, req.audit);
      return reply.code(202).send({ status: 'Thank you. The clinic will review your request and email you when your account is ready.' });
    });

    app.post('/api/password-reset', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Email a single-use reset link (same answer whether or not the account exists)', body: PasswordResetRequest } }, async (req, reply) => {
      await identity.requestPasswordReset(req.body.email, req.audit);
      return reply.code(202).send({ status: 'If an account exists for that email, a reset link is on its way.' });
    });

    app.post('/api/password-reset/:token', { config: { policy: 'public' }, schema: { tags: ['session'], summary: 'Choose a new password with a reset link', params: TokenParam, body: NewPasswordRequest } }, async (req, reply) => {
      await identity.resetPassword(req.params.token, req.body.password, req.audit);
      return reply.code(204).send();
    });
  };
