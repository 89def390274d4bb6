import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClinicSettings, SettingsChange } from '../../../../shared/contracts/clinic-settings';
import type { RouteArgs } from '../../../app/api/client';
import type { CallOptions } from '../../../app/api/authed-client';
import { keys } from '../../../app/api/queries';
import type { RequestOf, ResponseOf, RouteKey } from '../../../app/api/routes';
import { useSession } from '../../../app/session/SessionProvider';

export const settingsKey = ['admin', 'clinic'] as const;
export const setupKey = ['admin', 'clinic', 'setup'] as const;

/** The clinic's settings as the console edits them (every row with its id). */
export function useClinicSettings() {
  const { api } = useSession();
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => api.request('GET /api/admin/clinic', {}, { signal }) });
}

/** The set-up checklist: each step done or not, and whether online booking may open. */
export function useSetupStatus() {
  const { api } = useSession();
  return useQuery({ queryKey: setupKey, queryFn: ({ signal }) => api.request('GET /api/admin/clinic/setup', {}, { signal }) });
}

/** The routes that change the settings: each answers the settings after it and the visits it left outside them. */
export type SaveKey = { [K in RouteKey]: ResponseOf<K> extends SettingsChange ? K : never }[RouteKey];

/**
 * A settings change. The answer replaces the cached settings (no second read),
 * and what depends on them is asked again: the checklist, and the locations,
 * practitioners and visit types the desk and booking pages read.
 */
export function useSettingsSave<K extends SaveKey>(key: K) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestOf<K>) => api.request(key, ...([req] as unknown as RouteArgs<K, CallOptions>)) as Promise<SettingsChange>,
    onSuccess: (r) => {
      queryClient.setQueryData<ClinicSettings>(settingsKey, r.settings);
      afterSettingsChange(queryClient);
    },
  });
}

export function afterSettingsChange(queryClient: ReturnType<typeof useQueryClient>): void {
  void queryClient.invalidateQueries({ queryKey: setupKey });
  for (const k of [keys.locations, keys.practitioners, keys.visitTypes]) void queryClient.invalidateQueries({ queryKey: k });
}
