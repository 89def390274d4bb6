import { useEffect, useRef, type ReactNode } from 'react';

/**
 * One step of a multi-step flow. When the step changes (not on first load) its
 * heading takes focus, so a screen reader hears where it is and keyboard users
 * continue from there.
 */
export function StepPanel({
  stepKey,
  title,
  counter,
  children,
}: {
  stepKey: string;
  title: string;
  counter?: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shownBefore = useRef<string | null>(null);

  useEffect(() => {
    if (shownBefore.current !== null && shownBefore.current !== stepKey) heading.current?.focus();
    shownBefore.current = stepKey;
  }, [stepKey]);

  return (
    <section className="step-panel" aria-labelledby="step-title">
      {counter && <p className="step-counter">{counter}</p>}
      <h2 id="step-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
