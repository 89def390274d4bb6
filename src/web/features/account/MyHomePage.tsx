import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ResponseOf } from '../../app/api/routes';
import { capitalize, formatDateTime, formatDayTime, formatTime } from '../../app/i18n/format';
import { Trans } from '../../app/i18n/Trans';
import { useI18n } from '../../app/i18n/useT';
import { usePageTitle } from '../../app/usePageTitle';
import { useSession, useSignedIn } from '../../app/session/SessionProvider';
import { PhoneLink } from '../../ui/PhoneLink';
import { QueryState } from '../../ui/QueryState';
import { useClinicDirectory } from '../public/useClinicDirectory';
import { calendarHref } from './appointment-cards';
import { useOpenRecord, useUnreadMessages } from './MyLayout';

type Home = ResponseOf<'GET /api/patients/:patientId/home'>;
type HomeVisit = Home['nextVisits'][number];
type Todo = Home['todo'][number];

export const homeKey = (patientId: string) => ['my', patientId, 'home'] as const;

/**
 * The portal home (issue 12): what needs doing, the next visits with what to
 * do before them, unread messages, and quick actions. Phone width first: one
 * column, the most pressing first.
 */
export function MyHomePage() {
  const { t } = useI18n();
  usePageTitle('title.account.my');
  const { user } = useSignedIn();
  const record = useOpenRecord();
  const { api } = useSession();
  const home = useQuery({
    queryKey: homeKey(record.patientId),
    queryFn: ({ signal }) => api.request('GET /api/patients/:patientId/home', { params: { patientId: record.patientId } }, { signal }),
  });
  const messages = useUnreadMessages(record);
  const next = home.data?.nextVisits[0];

  return (
    <>
      <div className="my-head">
        <h1>{t('my.title', { name: user.displayName })}</h1>
      </div>
      <p className="muted">{t('my.signedInAs', { email: user.email })}</p>
      <QueryState isPending={home.isPending} isError={home.isError} retry={() => void home.refetch()}>
        {home.data && (
          <>
            <TodoList todo={home.data.todo} visits={home.data.nextVisits} />
            <NextVisits patientId={record.patientId} visits={home.data.nextVisits} />
          </>
        )}
      </QueryState>
      {messages.available && (
        <section className="section" aria-labelledby="home-messages-title">
          <h2 id="home-messages-title">{t('home.messages.title')}</h2>
          <p>
            <Link to="/my/messages">
              {t('home.messages.open')} ({t('home.messages.unread', { count: messages.unread })})
            </Link>
          </p>
        </section>
      )}
      <section className="section" aria-labelledby="home-actions-title">
        <h2 id="home-actions-title">{t('home.actions.title')}</h2>
        <ul className="quick-actions">
          <li>
            <Link className="btn btn-primary" to="/my/appointments#book">
              {t('home.actions.book')}
            </Link>
          </li>
          {messages.available && (
            <li>
              <Link className="btn btn-secondary" to="/my/messages">
                {t('home.actions.message')}
              </Link>
            </li>
          )}
          {next && (
            <li>
              <a className="btn btn-secondary" href={calendarHref(record.patientId, next.id)}>
                {t('home.actions.calendar')}
              </a>
            </li>
          )}
        </ul>
      </section>
    </>
  );
}

function TodoList({ todo, visits }: { todo: Todo[]; visits: HomeVisit[] }) {
  const { t } = useI18n();
  return (
    <section className="section" aria-labelledby="home-todo-title">
      <h2 id="home-todo-title">{t('home.todo.title')}</h2>
      {todo.length === 0 ? (
        <p>{t('home.todo.none')}</p>
      ) : (
        <ul className="todo-list">
          {todo.map((item) => (
            <TodoLine key={'appointmentId' in item ? `${item.kind}-${item.appointmentId}` : `${item.kind}-${item.requestId}`} item={item} visits={visits} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One thing to do, in words; a kind this page does not know yet (a later issue's) is left out. */
function TodoLine({ item, visits }: { item: Todo; visits: HomeVisit[] }) {
  const { t, lang, pick } = useI18n();
  const clinic = useClinicDirectory();
  const visitName = (id: string) => {
    const v = clinic.directory?.visitType(id);
    return v ? pick(v.name) : '';
  };
  switch (item.kind) {
    case 'visit_today':
    case 'visit_prepare': {
      const v = visits.find((x) => x.id === item.appointmentId);
      if (!v) return null;
      return (
        <li className="todo-item">
          {item.kind === 'visit_today'
            ? t('home.todo.visitToday', { time: formatTime(v.start, v.timeZone, lang), visit: pick(v.visitTypeName), location: v.locationName })
            : t('home.todo.visitPrepare', { visit: pick(v.visitTypeName), when: formatDayTime(v.start, v.timeZone, lang) })}
        </li>
      );
    }
    case 'request_pending':
      return <li className="todo-item">{t('home.todo.requestPending', { visit: visitName(item.visitTypeId) })}</li>;
    case 'request_declined':
      return <li className="todo-item todo-warning">{t('home.todo.requestDeclined', { visit: visitName(item.visitTypeId), reason: item.reason })}</li>;
    default:
      return null;
  }
}

function NextVisits({ patientId, visits }: { patientId: string; visits: HomeVisit[] }) {
  const { t, lang, pick } = useI18n();
  return (
    <section className="section" aria-labelledby="home-next-title">
      <h2 id="home-next-title">{t('home.next.title')}</h2>
      {visits.length === 0 ? (
        <p>{t('home.next.none')}</p>
      ) : (
        <ul className="my-appointments">
          {visits.map((v) => {
            const whenId = `home-when-${v.id}`;
            const instructions = pick(v.instructions);
            return (
              <li key={v.id} className="card my-appointment">
                <h3 className="fact-strong" id={whenId}>
                  {capitalize(formatDateTime(v.start, v.timeZone, lang))}
                </h3>
                <p>{pick(v.visitTypeName)}</p>
                <p className="muted">{[v.practitionerName, v.locationName].join(' · ')}</p>
                {instructions && (
                  <div className="visit-instructions">
                    <h4>{t('home.next.instructions')}</h4>
                    <p>{instructions}</p>
                  </div>
                )}
                <p className="muted">
                  <Trans
                    k="home.next.changeUntil"
                    values={{ when: formatDayTime(v.changeableUntil, v.timeZone, lang), location: v.locationName, phone: <PhoneLink phone={v.locationPhone} /> }}
                  />
                </p>
                <div className="actions my-appointment-actions">
                  <Link className="btn btn-secondary btn-small" to="/my/appointments" aria-describedby={whenId}>
                    {t('home.next.manage')}
                  </Link>
                  <a className="btn btn-secondary btn-small" href={calendarHref(patientId, v.id)} aria-describedby={whenId}>
                    {t('appt.calendar')}
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
