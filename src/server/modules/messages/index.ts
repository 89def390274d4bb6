import { defineModule, need, type LiveSocketSession } from '../../platform/module.js';
import type { AccessService } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import type { NoticesService } from '../notices/index.js';
import { nextVisitOf } from '../scheduling/index.js';
import { messagesTopic, MESSAGES_TOPIC } from './messages-live.js';
import { messagesRoutes } from './messages.routes.js';
import { createMessagesService, type MessagesService } from './messages.service.js';

export type { MessagesService } from './messages.service.js';
export { MESSAGES_TOPIC } from './messages-live.js';

/**
 * Secure messages (issue 12): threads between a patient (or a full-access
 * caregiver) and the clinic's staff pools, attachments stored in the
 * message's transaction, staff inboxes, the "new message" email, and the
 * `messages` live topic.
 */
export const messagesModule = defineModule<MessagesService>({
  name: 'messages',
  needs: ['audit', 'notices', 'access', 'patients', 'scheduling'],
  create: (ctx) => createMessagesService({
    db: ctx.db, clock: ctx.clock, organizationId: ctx.organization.id,
    audit: need<AuditService>(ctx, 'audit'), notices: need<NoticesService>(ctx, 'notices'),
    nextVisit: (q, patientId, now) => nextVisitOf(q, ctx.organization.id, patientId, now),
  }),
  routes(messages, ctx) {
    const live = ctx.live;
    if (!live) throw new Error('Messages need the realtime hub: start it before registering routes');
    return messagesRoutes(messages, live);
  },
  housekeeping: (messages) => messages.purgeIdempotencyKeys(),
  liveTopics(messages, ctx) {
    const access = need<AccessService>(ctx, 'access');
    return [{
      name: MESSAGES_TOPIC,
      spec: messagesTopic<LiveSocketSession>({ mayFollowPatient: messages.mayFollowPatient, mayReadInbox: (s) => access.allows(s, 'inbox.read') }),
    }];
  },
});
