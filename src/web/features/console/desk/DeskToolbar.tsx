import type { Location } from '../../../../shared/contracts/clinic';
import { useI18n } from '../../../app/i18n/useT';
import { shiftDate, type DeskChoices, type DeskColumns, type DeskView } from './desk-time';

/** Location, day or week, practitioners or rooms side by side, and moving through dates. */
export function DeskToolbar({
  locations,
  locationId,
  view,
  cols,
  date,
  today,
  showCancelled,
  onShowCancelled,
  onChange,
}: {
  locations: Location[];
  locationId: string;
  view: DeskView;
  cols: DeskColumns;
  date: string;
  today: string;
  showCancelled: boolean;
  onShowCancelled: (v: boolean) => void;
  onChange: (values: DeskChoices) => void;
}) {
  const { t } = useI18n();
  const unit = view === 'day' ? 'day' : 'week';
  return (
    <div className="desk-toolbar">
      <div className="desk-tool">
        <label htmlFor="desk-location" className="field-label">
          {t('console.desk.location')}
        </label>
        <select id="desk-location" className="input select" value={locationId} onChange={(e) => onChange({ loc: e.target.value })}>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="desk-tool">
        <span className="field-label" id="desk-view-label">
          {t('console.desk.view')}
        </span>
        <div className="segmented" role="group" aria-labelledby="desk-view-label">
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => onChange({ view: v })}>
              {t(`console.desk.view.${v}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="desk-tool">
        <span className="field-label" id="desk-nav-label">
          {t('console.desk.dates')}
        </span>
        <div className="segmented" role="group" aria-labelledby="desk-nav-label">
          <button type="button" onClick={() => onChange({ date: shiftDate(view, date, -1) })}>
            <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
              <path d="M15 5l-7 7 7 7" />
            </svg>
            <span className="sr-only">{t(`console.desk.prev.${unit}`)}</span>
          </button>
          <button type="button" onClick={() => onChange({ date: today })}>
            {t('console.desk.today')}
          </button>
          <button type="button" onClick={() => onChange({ date: shiftDate(view, date, 1) })}>
            <span className="sr-only">{t(`console.desk.next.${unit}`)}</span>
            <svg viewBox="0 0 24 24" className="icon" aria-hidden="true" focusable="false">
              <path d="M9 5l7 7-7 7" />
            </svg>
          </button>
        </div>
      </div>
      <div className="desk-tool desk-tool-cols">
        <span className="field-label" id="desk-cols-label">
          {t('console.desk.columns')}
        </span>
        <div className="segmented" role="group" aria-labelledby="desk-cols-label">
          {(['practitioners', 'rooms'] as const).map((c) => (
            <button key={c} type="button" aria-pressed={cols === c} onClick={() => onChange({ cols: c })}>
              {t(`console.desk.columns.${c}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="desk-tool">
        <label htmlFor="desk-date" className="field-label">
          {t('console.desk.goTo')}
        </label>
        <input id="desk-date" className="input input-date" type="date" value={date} onChange={(e) => e.target.value && onChange({ date: e.target.value })} />
      </div>
      <label className="checkbox desk-tool-check" htmlFor="desk-cancelled">
        <input id="desk-cancelled" type="checkbox" checked={showCancelled} onChange={(e) => onShowCancelled(e.target.checked)} />
        <span>{t('console.desk.showCancelled')}</span>
      </label>
    </div>
  );
}
