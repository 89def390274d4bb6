import type { MessageKey } from '../../../app/i18n/catalog';
import { capitalize, formatDateTime } from '../../../app/i18n/format';
import { useI18n } from '../../../app/i18n/useT';
import type { ClinicDirectory } from '../useClinicDirectory';
import { practitionerName } from './slots';
import { ANY, type Selection, type StepId } from './useBookingSelection';

interface Row {
  label: Extract<MessageKey, `book.summary.${string}`>;
  value: string;
  step: StepId;
}

/** What has been chosen so far, each with a way back to change it. */
export function SelectionSummary({
  selection: s,
  directory,
  visitTypeFixed,
  onChange,
}: {
  selection: Selection;
  directory: ClinicDirectory;
  visitTypeFixed: boolean;
  onChange: (step: StepId) => void;
}) {
  const { t, lang, pick } = useI18n();
  const rows: Row[] = [];
  const vt = directory.visitType(s.vt);
  if (vt) rows.push({ label: 'book.summary.visit', value: pick(vt.name), step: 'visitType' });
  const loc = s.sloc ?? s.loc;
  if (loc) {
    const value = loc === ANY ? t('book.location.any') : (directory.location(loc)?.name ?? '');
    rows.push({ label: 'book.summary.location', value, step: 'location' });
  }
  const pr = s.spr ?? s.pr;
  if (pr) {
    const value = pr === ANY ? t('book.practitioner.any') : practitionerName(directory.practitioner(pr));
    rows.push({ label: 'book.summary.practitioner', value, step: 'practitioner' });
  }
  if (s.start) {
    const zone = directory.location(s.sloc)?.timeZone ?? 'America/Chicago';
    rows.push({ label: 'book.summary.when', value: capitalize(formatDateTime(s.start, zone, lang)), step: 'day' });
  }
  if (rows.length === 0) return null;

  return (
    <aside className="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" className="summary-title">
        {t('book.summary.title')}
      </h2>
      <dl>
        {rows.map((r) => (
          <div key={r.label} className="summary-row">
            <dt>{t(r.label)}</dt>
            <dd>
              <span>{r.value}</span>
              {!(r.step === 'visitType' && visitTypeFixed) && (
                <button type="button" className="btn-link summary-change" onClick={() => onChange(r.step)}>
                  {t('common.change')}
                  <span className="sr-only"> ({t(r.label)})</span>
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
