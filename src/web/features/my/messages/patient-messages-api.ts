import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../../app/session/SessionProvider';
import { messageKeys } from '../../messages/message-keys';

/** The patient's inbox: threads, the unread total and the clinic's reply time. */
export function usePatientInbox(patientId: string | null) {
  const { api } = useSession();
  return useQuery({
    queryKey: messageKeys.patientInbox(patientId ?? ''),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/threads', { params: { patientId: patientId! } }, { signal }),
    enabled: patientId !== null,
  });
}

export function usePatientThread(patientId: string, threadId: string) {
  const { api } = useSession();
  return useQuery({
    queryKey: messageKeys.patientThread(patientId, threadId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/threads/:id', { params: { patientId, id: threadId } }, { signal }),
    // Another patient's thread is a 404 like an unknown one: asking again will not change it.
    retry: (count, e) => count < 1 && !(e instanceof Error && e.name === 'ApiError'),
  });
}
