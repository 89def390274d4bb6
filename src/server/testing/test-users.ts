import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../modules/access/index.js';
import { totp } from '../platform/totp.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'a long passphrase for tests';

export interface SignedIn {
  userId: string;
  role: Role;
  email: string;
  cookie: string;
  csrf: string;
  secret: string | null;
  patientId: string | null;
}

function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = (Array.isArray(set) ? set : [set]).find((c) => c?.includes('relief_session='));
  if (!first) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return first.split(';')[0]!;
}

/** Calls the API as a signed-in user: cookie and CSRF header on every request. */
export function as(app: FastifyInstance, who: SignedIn | null) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}), ...extra },
    });
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD, ip = '203.0.113.9') {
  return app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress: ip });
}

/** Creates an active user of a role and signs them in fully (second factor enrolled and passed where required). */
export async function createSignedIn(t: TestApp, role: Role, opts: { email?: string; patientId?: string; practitionerId?: string; npi?: string } = {}): Promise<SignedIn> {
  const identity = t.app.services.identity;
  const email = opts.email ?? `${role}.${Math.random().toString(36).slice(2, 8)}@relief.test`;
  const userId = await identity.createUser({
    email, displayName: `Test ${role}`, role, password: PASSWORD,
    ...(opts.patientId ? { patientId: opts.patientId } : {}), ...(opts.practitionerId ? { practitionerId: opts.practitionerId } : {}), ...(opts.npi ? { npi: opts.npi } : {}),
  });
  const first = await signIn(t.app, email);
  if (first.statusCode !== 200) throw new Error(`sign-in failed: ${first.body}`);
  let cookie = cookieOf(first);
  let csrf = first.json().csrfToken as string;
  let secret: string | null = null;
  if (first.json().next === 'enroll_totp') {
    const enrol = await t.app.inject({ method: 'POST', url: '/api/session/totp/enroll', headers: { cookie, 'x-csrf-token': csrf } });
    secret = enrol.json().secret;
    const confirm = await t.app.inject({ method: 'POST', url: '/api/session/totp/confirm', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: totp(secret!, t.clock.now()) } });
    if (confirm.statusCode !== 200) throw new Error(`totp confirm failed: ${confirm.body}`);
    cookie = cookieOf(confirm);
    csrf = confirm.json().session.csrfToken;
  }
  return { userId, role, email, cookie, csrf, secret, patientId: opts.patientId ?? null };
}

export { cookieOf };
