import { useI18n } from '../../../app/i18n/useT';
import type { StepId } from './useBookingSelection';

/** The steps as an ordered list; the current one is marked for assistive tech too. */
export function StepProgress({ steps, current }: { steps: StepId[]; current: StepId }) {
  const { t } = useI18n();
  const at = steps.indexOf(current);
  return (
    <ol className="progress" aria-label={t('book.progress')}>
      {steps.map((step, i) => (
        <li
          key={step}
          className={i < at ? 'progress-done' : i === at ? 'progress-current' : undefined}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="progress-dot" aria-hidden="true">
            {i + 1}
          </span>
          <span className="progress-label">{t(`book.step.${step}`)}</span>
        </li>
      ))}
    </ol>
  );
}
