import type { InboxFilter, MessagePool } from '../../../shared/contracts/messages';

/**
 * Query keys of everything messages show, so the live feed can refetch
 * exactly what a frame names (a thread, a patient's inbox, the counts).
 */
export const messageKeys = {
  all: ['messages'] as const,
  patient: (patientId: string) => ['messages', 'patient', patientId] as const,
  patientInbox: (patientId: string) => ['messages', 'patient', patientId, 'inbox'] as const,
  patientThread: (patientId: string, threadId: string) => ['messages', 'patient', patientId, 'thread', threadId] as const,
  staff: ['messages', 'staff'] as const,
  staffInbox: (pool: MessagePool, filter: InboxFilter) => ['messages', 'staff', 'inbox', pool, filter] as const,
  staffInboxes: ['messages', 'staff', 'inbox'] as const,
  staffCounts: ['messages', 'staff', 'counts'] as const,
  staffThread: (threadId: string) => ['messages', 'staff', 'thread', threadId] as const,
  assignees: (pool: MessagePool | 'all') => ['messages', 'staff', 'assignees', pool] as const,
};
