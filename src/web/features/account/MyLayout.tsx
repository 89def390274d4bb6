import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { ApiError } from '../../app/api/client';
import { useI18n } from '../../app/i18n/useT';
import { useSession, useSignedIn } from '../../app/session/SessionProvider';
import { QueryState } from '../../ui/QueryState';

/**
 * The record the /my pages show (issue 12): the patient's own, or, for a
 * caregiver, one of the records shared with them. `scope` says what the
 * pages may show: a limited caregiver sees appointments only.
 */
export interface OpenRecord {
  patientId: string;
  /** The patient's name for a caregiver; null on the patient's own pages. */
  name: string | null;
  scope: 'own' | 'full' | 'limited';
}

const RecordContext = createContext<OpenRecord | null>(null);

/** The record the page shows; only inside MyLayout. */
export function useOpenRecord(): OpenRecord {
  const record = useContext(RecordContext);
  if (!record) throw new Error('useOpenRecord is for the pages under /my');
  return record;
}

const CHOSEN = 'relief.my.record';

/**
 * The frame of the patient's pages: whose record is open (a caregiver who
 * helps several patients switches here), the pages' navigation, then the page.
 */
export function MyLayout() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  if (user.role === 'caregiver') return <CaregiverFrame />;
  if (!user.patientId) {
    return (
      <div className="notice notice-warning">
        <p>{t('my.noRecord')}</p>
      </div>
    );
  }
  return <Frame record={{ patientId: user.patientId, name: null, scope: 'own' }} />;
}

function CaregiverFrame() {
  const { t } = useI18n();
  const { user } = useSignedIn();
  const { api } = useSession();
  const records = useQuery({
    queryKey: ['my', 'shared-records'],
    queryFn: ({ signal }) => api.request('GET /api/caregiver/patients', {}, { signal }).then((r) => r.items),
  });
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(CHOSEN));
  const items = records.data ?? [];
  const open = items.find((r) => r.patientId === chosen) ?? items[0];
  useEffect(() => {
    if (open) sessionStorage.setItem(CHOSEN, open.patientId);
  }, [open]);

  return (
    <QueryState isPending={records.isPending} isError={records.isError} retry={() => void records.refetch()}>
      {open ? (
        <Frame
          record={{ patientId: open.patientId, name: open.patientName, scope: open.scope }}
          switcher={
            items.length > 1 && (
              <label className="my-switch" htmlFor="f-open-record">
                <span>{t('my.viewing.switch')}</span>
                <select id="f-open-record" value={open.patientId} onChange={(e) => setChosen(e.target.value)}>
                  {items.map((r) => (
                    <option key={r.patientId} value={r.patientId}>
                      {r.patientName}
                    </option>
                  ))}
                </select>
              </label>
            )
          }
        />
      ) : (
        <section className="section">
          <h1>{t('my.title', { name: user.displayName })}</h1>
          <p>{t('shared.none')}</p>
        </section>
      )}
    </QueryState>
  );
}

/** Whether the messages pages answer here: shown once the route exists and lets this reader in (issue 12's messages). */
export function useUnreadMessages(record: OpenRecord) {
  const { api } = useSession();
  const allowed = record.scope !== 'limited';
  const inbox = useQuery({
    queryKey: ['my', record.patientId, 'threads'],
    enabled: allowed,
    retry: false,
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/threads', { params: { patientId: record.patientId } }, { signal }),
  });
  const missing = inbox.error instanceof ApiError && (inbox.error.status === 404 || inbox.error.status === 403);
  return { available: allowed && inbox.isSuccess && !missing, unread: inbox.data?.unread ?? 0 };
}

function Frame({ record, switcher }: { record: OpenRecord; switcher?: ReactNode }) {
  const { t } = useI18n();
  const messages = useUnreadMessages(record);
  const own = record.scope === 'own';
  return (
    <RecordContext.Provider value={record}>
      <div className="my-frame">
        <p className="my-viewing">
          <strong>{record.name ? t('my.viewing.other', { name: record.name }) : t('my.viewing.own')}</strong>
          {record.scope === 'limited' && <span className="muted"> {t('shared.scope.limited')}</span>}
        </p>
        {switcher}
        <nav className="my-nav" aria-label={t('my.nav.label')}>
          <ul>
            <li>
              <NavLink to="/my" end>
                {t('my.nav.home')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/my/appointments">{t('my.nav.appointments')}</NavLink>
            </li>
            {messages.available && (
              <li>
                <NavLink to="/my/messages">{t('my.nav.messages')}</NavLink>
              </li>
            )}
            {own && (
              <>
                <li>
                  <NavLink to="/my/sharing">{t('my.nav.sharing')}</NavLink>
                </li>
                <li>
                  <NavLink to="/my/access">{t('my.nav.access')}</NavLink>
                </li>
              </>
            )}
            {record.scope !== 'limited' && (
              <li>
                <NavLink to="/my/notices">{t('my.nav.notices')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </div>
      {/* A new record: the pages start afresh (forms, panels and lists of the record left behind). */}
      <div key={record.patientId}>
        <Outlet />
      </div>
    </RecordContext.Provider>
  );
}
