import { useEffect, useRef } from 'react';

export interface SummaryItem {
  /** id of the control to jump to */
  targetId: string;
  message: string;
}

/**
 * The list of problems at the top of a form (GOV.UK pattern): announced as an
 * alert, focused when it appears, each item a link to its field.
 */
export function ErrorSummary({
  title,
  items,
  focusKey,
  level = 3,
  id = 'error-summary-title',
}: {
  /** The title's id: a page with two forms gives each summary its own. */
  id?: string;
  title: string;
  items: SummaryItem[];
  focusKey: number;
  /** The heading level of the title: 2 on a form placed right under the page's h1. */
  level?: 2 | 3;
}) {
  const Title = level === 2 ? 'h2' : 'h3';
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // focusKey changes on every submit attempt so a repeated error is focused again.
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={id}>
      <Title id={id} className="error-summary-title">
        {title}
      </Title>
      <ul>
        {items.map((item) => (
          <li key={item.targetId}>
            <a
              href={`#${item.targetId}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(item.targetId)?.focus();
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
