import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Location } from '../../../../shared/contracts/clinic';
import type { FieldIssue, IssueReason } from '../../../../shared/errors';
import { isWallTime, localToInstant, toZonedIso } from '../../../../shared/time';
import { capitalize, formatDateTime, formatDayTime, formatTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import { Dialog } from '../../../ui/Dialog';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { SelectField, TextField } from '../../../ui/Field';
import type { ClinicDirectory } from '../../public/useClinicDirectory';
import { fieldIssues, hasIssues, problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { useInvalidateSchedule } from './desk-api';
import { zonedPlace } from './desk-time';
import { nameWithCredentials, type ScheduleIndex } from './schedule-index';

interface Values {
  practitionerId: string;
  date: string;
  from: string;
  toDate: string;
  to: string;
  reason: string;
}

const FIELDS: [keyof Values, string][] = [
  ['practitionerId', 'f-blk-practitioner'],
  ['date', 'f-blk-date'],
  ['from', 'f-blk-from'],
  ['toDate', 'f-blk-to-date'],
  ['to', 'f-blk-to'],
  ['reason', 'f-blk-reason'],
];

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Block time (a meeting, time off) for one practitioner, on the location's clock. */
export function BlockDialog({
  location,
  practitioners: scheduled,
  directory,
  defaultDate,
  onClose,
  onDone,
}: {
  location: Location;
  practitioners: { id: string; label: string }[];
  directory: ClinicDirectory;
  defaultDate: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const invalidate = useInvalidateSchedule();
  const practitioners = scheduled.length
    ? scheduled
    : directory.practitioners.filter((p) => p.locationIds.includes(location.id)).map((p) => ({ id: p.id, label: nameWithCredentials(p) }));
  const [v, setV] = useState<Values>({ practitionerId: '', date: defaultDate, from: '12:00', toDate: defaultDate, to: '13:00', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [attempts, setAttempts] = useState(0);
  const set = <K extends keyof Values>(k: K, value: Values[K]) =>
    setV((prev) => ({
      ...prev,
      [k]: value,
      // Moving the start date moves a same-day end date with it.
      ...(k === 'date' && prev.toDate === prev.date ? { toDate: value } : {}),
    }));

  const create = useMutation({
    mutationFn: (body: { practitionerId: string; start: string; end: string; reason: string }) => api.request('POST /api/staff/blocks', { body }),
    onSuccess: (r, body) => {
      invalidate();
      const who = practitioners.find((p) => p.id === body.practitionerId)?.label ?? '';
      const sameDay = (iso: string) => zonedPlace(iso, location.timeZone).date === zonedPlace(body.start, location.timeZone).date;
      const at = (iso: string) => (sameDay(iso) ? formatTime(iso, location.timeZone, lang) : formatDayTime(iso, location.timeZone, lang));
      const inside = r.bookedInside;
      const times = inside.slice(0, 5).map((v) => at(v.start)).join(', ') + (inside.length > 5 ? ', …' : '');
      const warning = inside.length === 0 ? '' : ' ' + (inside.length === 1 ? t('console.block.bookedInside.one', { times }) : t('console.block.bookedInside.other', { count: inside.length, times }));
      onDone(
        t('console.block.done', {
          practitioner: who,
          when: formatDateTime(body.start, location.timeZone, lang),
          until: at(body.end),
        }) + warning,
      );
    },
    onError: (e) => {
      if (!hasIssues(e)) return;
      // The server's reasons in the reader's words (its English stays for API readers).
      const server = fieldIssues(e);
      const said = (issue: FieldIssue | undefined, words: Partial<Record<IssueReason, string>>) =>
        issue ? ((issue.reason && words[issue.reason]) ?? t('console.book.fieldProblem')) : undefined;
      setErrors({
        practitionerId: said(server.practitionerId, { unknown_practitioner: t('console.block.error.practitioner') }),
        from: said(server.start, {}),
        to: said(server.end, { range_reversed: t('console.block.error.order'), block_too_long: t('console.block.error.tooLong') }),
        reason: server.reason ? t('console.block.error.reason') : undefined,
      });
      setAttempts((n) => n + 1);
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!v.practitionerId) found.practitionerId = t('console.block.error.practitioner');
    if (!isDate(v.date)) found.date = t('console.block.error.date');
    if (!isWallTime(v.from)) found.from = t('console.block.error.time');
    if (!isDate(v.toDate)) found.toDate = t('console.block.error.date');
    if (!isWallTime(v.to)) found.to = t('console.block.error.time');
    const zone = location.timeZone;
    const start = !found.date && !found.from ? localToInstant(v.date, v.from, zone) : null;
    const end = !found.toDate && !found.to ? localToInstant(v.toDate, v.to, zone) : null;
    if (start !== null && end !== null && end <= start) found.to = t('console.block.error.order');
    if (!v.reason.trim()) found.reason = t('console.block.error.reason');
    setErrors(found);
    setAttempts((n) => n + 1);
    if (Object.values(found).some(Boolean) || start === null || end === null) return;
    create.mutate({ practitionerId: v.practitionerId, start: toZonedIso(start, zone), end: toZonedIso(end, zone), reason: v.reason.trim() });
  }

  const summary = FIELDS.filter(([f]) => errors[f]).map(([f, id]) => ({ targetId: id, message: errors[f]! }));
  return (
    <Dialog title={t('console.block.title')} onClose={onClose}>
      <form noValidate onSubmit={onSubmit}>
        <ErrorSummary title={t('book.errors.title')} items={summary} focusKey={attempts} />
        <p className="muted">{t('console.block.lede', { location: location.name })}</p>
        <SelectField
          frame={{ id: 'f-blk-practitioner', label: t('appt.provider'), error: errors.practitionerId }}
          value={v.practitionerId}
          onChange={(e) => set('practitionerId', e.target.value)}
        >
          <option value="">{t('console.block.choose')}</option>
          {practitioners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <div className="field-row">
          <TextField
            frame={{ id: 'f-blk-date', label: t('console.block.startDate'), error: errors.date }}
            type="date"
            value={v.date}
            onChange={(e) => set('date', e.target.value)}
          />
          <TextField
            frame={{ id: 'f-blk-from', label: t('console.block.startTime'), error: errors.from }}
            type="time"
            step={300}
            value={v.from}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="field-row">
          <TextField
            frame={{ id: 'f-blk-to-date', label: t('console.block.endDate'), error: errors.toDate }}
            type="date"
            value={v.toDate}
            onChange={(e) => set('toDate', e.target.value)}
          />
          <TextField
            frame={{ id: 'f-blk-to', label: t('console.block.endTime'), error: errors.to }}
            type="time"
            step={300}
            value={v.to}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <TextField
          frame={{ id: 'f-blk-reason', label: t('console.block.reason'), hint: t('console.block.reasonHint'), error: errors.reason }}
          maxLength={200}
          value={v.reason}
          onChange={(e) => set('reason', e.target.value)}
        />
        <div role="alert" className="submit-problem">
          {create.isError && !hasIssues(create.error) && (
            <div className="notice notice-error">
              <p>{problemMessage(create.error, t, lang)}</p>
            </div>
          )}
        </div>
        <div className="actions dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('console.working') : t('console.block.submit')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('console.cancelAction')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** One block: what and when, and (front desk) remove it. */
export function BlockPanel({ blockId, index, canEdit, onClose }: { blockId: string; index: ScheduleIndex; canEdit: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const invalidate = useInvalidateSchedule();
  const block = index.block(blockId);
  const remove = useMutation({
    mutationFn: (id: string) => api.request('DELETE /api/staff/blocks/:id', { params: { id } }),
    onSuccess: () => {
      invalidate();
      onClose();
    },
  });
  return (
    <Dialog title={t('console.block.label')} onClose={onClose}>
      {!block ? (
        <p>{t('console.appt.gone')}</p>
      ) : (
        <>
          <dl className="facts facts-compact">
            <div>
              <dt>{t('appt.provider')}</dt>
              <dd>{index.practitionerLabel(block.practitionerId)}</dd>
            </div>
            <div>
              <dt>{t('appt.when')}</dt>
              <dd>
                {capitalize(formatDateTime(block.start, index.zone, lang))}{' '}
                {zonedPlace(block.end, index.zone).date === zonedPlace(block.start, index.zone).date
                  ? t('console.desk.until', { time: formatTime(block.end, index.zone, lang) })
                  : t('console.desk.untilDay', { when: formatDayTime(block.end, index.zone, lang) })}
              </dd>
            </div>
            <div>
              <dt>{t('console.block.reason')}</dt>
              <dd>{block.reason}</dd>
            </div>
          </dl>
          <div role="alert" className="submit-problem">
            {remove.isError && (
              <div className="notice notice-error">
                <p>{problemMessage(remove.error, t, lang)}</p>
              </div>
            )}
          </div>
          {canEdit && (
            <div className="actions">
              <button type="button" className="btn btn-danger-outline" disabled={remove.isPending} onClick={() => remove.mutate(block.id)}>
                {remove.isPending ? t('console.working') : t('console.block.remove')}
              </button>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
