import { useEffect, useRef, type ReactNode } from 'react';

/**
 * One step of the invitation or enrolment flow. When the step changes its
 * heading takes focus, so a screen reader hears where it is.
 */
export function FlowStep({ stepKey, counter, title, children }: { stepKey: string; counter?: string | undefined; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== stepKey) heading.current?.focus();
    shown.current = stepKey;
  }, [stepKey]);
  return (
    <section className="flow-step" aria-labelledby="flow-step-title">
      {counter && <p className="step-counter">{counter}</p>}
      <h2 id="flow-step-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
