import type { Queryable } from '../../db/db.js';
import { defineModule, need } from '../../platform/module.js';
import type { AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import { accessRoutes } from './access.routes.js';
import { createAccessService, type AccessService, type CaregiverAccounts } from './access.service.js';

export { accessPlugin, clearSessionCookie, cookieName, setSessionCookie, type RoutePolicy } from './access.plugin.js';
export { granted } from './access.routes.js';
export type { AccessService, CaregiverAccounts } from './access.service.js';
export { assertGrant, type FactName, type FactSource, type Grant } from './authorize.js';
export { isStaff, MFA_REQUIRED, ROLES, STAFF_ROLES, type Basis, type Permission, type Role } from './engine/policy.js';
export type { CurrentSession, IssuedSession, SessionUser } from './session.js';

/**
 * Access: the policy, and the one authorization of every request, decided
 * from facts that modules register (their descriptors' `facts`); sharing with
 * caregivers and referring providers; emergency access (break-glass).
 */
export const accessModule = defineModule<AccessService>({
  name: 'access',
  needs: ['audit', 'notices'],
  create(ctx) {
    const notices = need<NoticesService>(ctx, 'notices');
    // Caregiver accounts are identity's, and identity depends on access: the
    // identity service (later in the list) is looked up when an invitation
    // needs it, so no module imports the other both ways.
    const accounts = (): CaregiverAccounts => need<{ caregiverAccounts: CaregiverAccounts }>(ctx, 'identity').caregiverAccounts;
    return createAccessService({
      db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id, clinicName: () => ctx.organization.name,
      audit: need<AuditService>(ctx, 'audit'),
      accounts: {
        caregiverAccount: (t: Queryable, email: string, name: string, patientId: string) => accounts().caregiverAccount(t, email, name, patientId),
        lockAttempts: (t, subject) => accounts().lockAttempts(t, subject),
        tallyAttempts: (t, limits, now) => accounts().tallyAttempts(t, limits, now),
        addAttempts: (t, subjects, now) => accounts().addAttempts(t, subjects, now),
      },
      enqueueNotice: (t, notice) => notices.enqueue(t, notice),
      afterCommit: () => notices.kick(),
    });
  },
  routes: (access) => accessRoutes(access),
});
