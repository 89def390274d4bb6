import type { Location, Practitioner, VisitType } from '../../../../shared/contracts/clinic';
import { useI18n } from '../../../app/i18n/useT';
import { practitionerName } from './slots';

/** Visit types new patients may book online. */
export function VisitTypeChoices({ visitTypes, onChoose }: { visitTypes: VisitType[]; onChoose: (id: string) => void }) {
  const { t, pick } = useI18n();
  return (
    <ul className="choice-list">
      {visitTypes.map((v) => (
        <li key={v.id}>
          <button type="button" className="choice" onClick={() => onChoose(v.id)}>
            <span className="choice-title">{pick(v.name)}</span>
            <span className="choice-meta">{t('book.minutes', { n: v.durationMin })}</span>
            <span className="choice-body">{pick(v.description)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function LocationChoices({ locations, onChoose }: { locations: Location[]; onChoose: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <ul className="choice-list">
      <li>
        <button type="button" className="choice choice-any" onClick={() => onChoose('any')}>
          <span className="choice-title">{t('book.location.any')}</span>
          <span className="choice-body">{t('book.location.anyHint')}</span>
        </button>
      </li>
      {locations.map((l) => (
        <li key={l.id}>
          <button type="button" className="choice" onClick={() => onChoose(l.id)}>
            <span className="choice-title">{l.name}</span>
            <span className="choice-meta">{l.region.name}</span>
            <span className="choice-body">
              {l.address.line1}, {l.address.city}, {l.address.state} {l.address.postalCode}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PractitionerChoices({
  practitioners,
  onChoose,
}: {
  practitioners: Practitioner[];
  onChoose: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <ul className="choice-list">
      <li>
        <button type="button" className="choice choice-any" onClick={() => onChoose('any')}>
          <span className="choice-title">{t('book.practitioner.any')}</span>
          <span className="choice-body">{t('book.practitioner.anyHint')}</span>
        </button>
      </li>
      {practitioners.map((p) => (
        <li key={p.id}>
          <button type="button" className="choice" onClick={() => onChoose(p.id)}>
            <span className="choice-title">{practitionerName(p)}</span>
            <span className="choice-meta">{t(`role.${p.role}`)}</span>
            {pick(p.bio) && <span className="choice-body">{pick(p.bio)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
