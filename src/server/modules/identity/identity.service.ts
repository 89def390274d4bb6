import { warmPasswordStrength } from '../../platform/password-strength.js';
import { warmPasswordHashing } from '../../platform/passwords.js';
import { createAccounts } from './accounts.service.js';
import type { IdentityDeps } from './identity.core.js';
import * as repo from './identity.repo.js';
import { createInvitations } from './invitations.service.js';
import { createSecondFactor } from './second-factor.service.js';
import { createSessions } from './sessions.service.js';

export type { IdentityDeps } from './identity.core.js';
export { ABSOLUTE_LIFETIME_MS, idleTimeoutSec } from './sessions.service.js';

/**
 * Identity signs people in, and nothing else: sessions, the second factor,
 * accounts and invitations, each in its own file. What a signed-in person may
 * do is access's to decide.
 */
export function createIdentityService(deps: IdentityDeps) {
  warmPasswordHashing();
  // The password lists load once, in the background, so the first sign-up does not wait for them.
  warmPasswordStrength();
  const { issueSession, forget, forgetUser, ...sessions } = createSessions(deps);
  // The other parts issue and forget sessions; nothing outside identity does.
  const core = { deps, sessions: { issueSession, forget, forgetUser } };
  return {
    ...sessions,
    ...createSecondFactor(core),
    ...createAccounts(core),
    ...createInvitations(core),
    purgeExpired: () => repo.purgeExpired(deps.db, deps.organizationId, deps.clock.now()),
  };
}
export type IdentityService = ReturnType<typeof createIdentityService>;
