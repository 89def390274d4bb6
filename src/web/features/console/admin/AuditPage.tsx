import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, isAccessBasis, isAuditAction } from '../../../../shared/audit-actions';
import { RoleName, type AuditEvent } from '../../../../shared/contracts/identity';
import { addDays, isLocalDate, localToInstant, toZonedIso } from '../../../../shared/time';
import { formatZoneName } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { usePageTitle } from '../../../app/usePageTitle';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/Field';
import { DataTable } from '../../../ui/DataTable';
import { QueryState } from '../../../ui/QueryState';
import { CLINIC_ZONE } from '../../public/booking/slots';
import { formatInstantPrecise } from '../console-format';
import { useSession } from '../../../app/session/SessionProvider';
import { useStaffUsers } from './admin-api';
import { AuditPatientFilter } from './AuditPatientFilter';

interface Filters {
  user: string;
  patient: string;
  action: string;
  from: string;
  to: string;
}

const FIELDS: [keyof Filters, string][] = [
  ['user', 'f-audit-user'],
  ['action', 'f-audit-action'],
  ['from', 'f-audit-from'],
  ['to', 'f-audit-to'],
];
const OUTCOMES = ['success', 'denied', 'failure'] as const;
const isOutcome = (o: string): o is (typeof OUTCOMES)[number] => (OUTCOMES as readonly string[]).includes(o);
const isRole = (r: string): r is RoleName => (RoleName.options as readonly string[]).includes(r);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMIT = 500;

function readFilters(params: URLSearchParams): Filters {
  return {
    user: params.get('user') ?? '',
    // The patient is chosen by search; an id typed into the address bar counts only if well formed.
    patient: UUID.test(params.get('patient') ?? '') ? params.get('patient')! : '',
    // The pick list's codes, or one from a shared link; anything else would only be refused.
    action: /^[a-z_.]{1,80}$/.test(params.get('action') ?? '') ? params.get('action')! : '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The API's query: whole clinic days, 'to' included, as instants with the clinic's offset. */
function toQuery(f: Filters): Record<string, string | undefined> {
  const zone = CLINIC_ZONE;
  return {
    user: f.user || undefined,
    patient: f.patient.trim() || undefined,
    action: f.action.trim() || undefined,
    from: isLocalDate(f.from) ? toZonedIso(localToInstant(f.from, '00:00', zone), zone) : undefined,
    to: isLocalDate(f.to) ? toZonedIso(localToInstant(addDays(f.to, 1), '00:00', zone) - 1000, zone) : undefined,
    limit: String(LIMIT),
  };
}

function queryString(q: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) qs.set(k, v);
  return qs.toString();
}

/** Who did what, when, from where, with what outcome: filter, read, download. */
export function AuditPage() {
  const { t, lang } = useI18n();
  usePageTitle('title.console.audit');
  const { api } = useSession();
  const users = useStaffUsers();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const [attempts, setAttempts] = useState(0);
  /** Names of patients picked in the search, by id (the report's rows name the rest). */
  const [picked, setPicked] = useState<Record<string, string>>({});
  const query = toQuery(applied);
  const events = useQuery<AuditEvent[]>({
    queryKey: ['admin', 'audit', query],
    queryFn: ({ signal }) => api.request('GET /api/admin/audit', { query }, { signal }).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  const set = <K extends keyof Filters>(k: K, v: string) => setDraft((prev) => ({ ...prev, [k]: v }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (draft.from && draft.to && draft.to < draft.from) found.to = t('console.audit.error.range');
    setErrors(found);
    setAttempts((n) => n + 1);
    if (Object.values(found).some(Boolean)) return;
    apply(draft);
  }

  function apply(f: Filters) {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v.trim()) next.set(k, v.trim());
    setParams(next, { replace: true });
  }

  /** From a row of the report: that patient's events alone, the other filters kept. */
  function narrowTo(patientId: string) {
    const next = { ...applied, patient: patientId };
    setDraft(next);
    apply(next);
  }

  const summary = FIELDS.filter(([f]) => errors[f]).map(([f, id]) => ({ targetId: id, message: errors[f]! }));
  const csv = `/api/admin/audit.csv?${queryString(query)}`;
  const rows = events.data ?? [];
  // The trail stores codes; the reader sees words (the CSV keeps the codes).
  const roleLabel = (r: string) => (isRole(r) ? t(`console.role.${r}`) : r === 'anonymous' ? t('console.audit.anonymous') : r);
  const nameOf = (id: string) => picked[id] ?? rows.find((r) => r.patientId === id)?.patientName ?? null;
  // Actions in words (issue 11); one the list does not know yet shows as its code.
  const actionLabel = (a: string) => (isAuditAction(a) ? t(`console.audit.act.${a}`) : a);
  const actionOptions = [...AUDIT_ACTIONS, ...(applied.action && !isAuditAction(applied.action) ? [applied.action] : [])]
    .map((a) => ({ code: a, label: actionLabel(a) }))
    .sort((x, y) => x.label.localeCompare(y.label, lang));
  const reasonText = (e: AuditEvent) => (e.action === 'chart.read' && isAccessBasis(e.reason) ? t('console.audit.basis', { basis: t(`console.audit.basis.${e.reason}`) }) : (e.reason ?? ''));

  return (
    <>
      <h1>{t('console.audit.title')}</h1>
      <p className="lede">{t('console.audit.lede')}</p>
      <form noValidate onSubmit={onSubmit} className="panel audit-filters" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title" className="sr-only">
          {t('console.audit.filters')}
        </h2>
        <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
        <div className="filter-grid">
          <SelectField frame={{ id: 'f-audit-user', label: t('console.audit.user'), optional: true }} value={draft.user} onChange={(e) => set('user', e.target.value)}>
            <option value="">{t('console.audit.anyone')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({t(`console.role.${u.role}`)})
              </option>
            ))}
          </SelectField>
          <SelectField frame={{ id: 'f-audit-action', label: t('console.audit.action'), optional: true }} value={draft.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">{t('console.audit.anyAction')}</option>
            {actionOptions.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <TextField frame={{ id: 'f-audit-from', label: t('console.audit.from'), optional: true }} type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} />
          <TextField
            frame={{ id: 'f-audit-to', label: t('console.audit.to'), error: errors.to, optional: true }}
            type="date"
            value={draft.to}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <AuditPatientFilter
          value={draft.patient ? { id: draft.patient, name: nameOf(draft.patient) } : null}
          onChange={(p) => {
            if (p?.name) setPicked((prev) => ({ ...prev, [p.id]: p.name! }));
            set('patient', p?.id ?? '');
          }}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t('console.audit.apply')}
          </button>
          <a className="btn btn-secondary" href={csv} download>
            <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
              <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
            </svg>
            {t('console.audit.csv')}
          </a>
        </div>
      </form>

      <div className="section">
        <h2 id="audit-results-title">{t('console.audit.results')}</h2>
        <p className="muted" role="status">
          {events.data ? (rows.length >= LIMIT ? t('console.audit.countLimited', { count: rows.length }) : rows.length === 1
              ? t('console.audit.count.one')
              : t('console.audit.count.other', { count: rows.length })) : ''}{' '}
          {t('console.timesIn', { zone: formatZoneName(CLINIC_ZONE, lang) })}
        </p>
        <QueryState isPending={events.isPending} isError={events.isError} retry={() => void events.refetch()}>
          {rows.length === 0 ? (
            <p>{t('console.audit.none')}</p>
          ) : (
            <DataTable
              labelledBy="audit-results-title"
              className="audit-table"
              columns={[
                t('console.audit.at'),
                t('console.audit.who'),
                t('console.audit.action'),
                t('console.audit.resource'),
                t('console.audit.patient'),
                t('console.audit.outcome'),
                t('console.audit.source'),
                t('console.audit.reason'),
              ]}
            >
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="cell-nowrap">{formatInstantPrecise(e.at, CLINIC_ZONE, lang)}</td>
                  <td>
                    {e.actorName ?? (e.actorRole === 'system' ? t('console.audit.system') : t('console.audit.nobody'))}
                    {e.actorRole !== 'system' && <span className="cell-sub">{roleLabel(e.actorRole)}</span>}
                  </td>
                  <td>
                    {actionLabel(e.action)}
                    {isAuditAction(e.action) && (
                      <span className="cell-sub">
                        <code>{e.action}</code>
                      </span>
                    )}
                    {!isAuditAction(e.action) && <span className="sr-only"> ({t('console.audit.unknownAction')})</span>}
                  </td>
                  <td className="cell-wrap">
                    {e.resourceType}
                    {e.resourceId && <span className="cell-sub cell-id">{e.resourceId}</span>}
                  </td>
                  <td className="cell-wrap">
                    {e.patientId && (
                      <>
                        {e.patientId === applied.patient ? (
                          (e.patientName ?? e.patientId)
                        ) : (
                          <button
                            type="button"
                            className="btn-link"
                            aria-label={t('console.audit.onlyPatient', { name: e.patientName ?? e.patientId })}
                            onClick={() => narrowTo(e.patientId!)}
                          >
                            {e.patientName ?? e.patientId}
                          </button>
                        )}
                        {e.patientName && <span className="cell-sub cell-id">{e.patientId}</span>}
                      </>
                    )}
                  </td>
                  <td>
                    <span className={`badge outcome-${e.outcome}`}>{isOutcome(e.outcome) ? t(`console.audit.outcome.${e.outcome}`) : e.outcome}</span>
                  </td>
                  <td className="cell-wrap">{e.sourceIp ?? ''}</td>
                  <td className="cell-wrap">{reasonText(e)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </div>
    </>
  );
}
