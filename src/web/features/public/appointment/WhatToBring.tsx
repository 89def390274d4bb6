import type { MessageKey } from '../../../app/i18n/catalog';
import { useT } from '../../../app/i18n/useT';

const ITEMS: Extract<MessageKey, `appt.bring.${string}`>[] = [
  'appt.bring.id',
  'appt.bring.insurance',
  'appt.bring.meds',
  'appt.bring.imaging',
  'appt.bring.referral',
];

export function WhatToBring() {
  const t = useT();
  return (
    <section className="card bring-card" aria-labelledby="bring-title">
      <h2 id="bring-title">{t('appt.bring.title')}</h2>
      <ul className="check-list">
        {ITEMS.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
      <p>{t('appt.bring.arrive')}</p>
    </section>
  );
}
