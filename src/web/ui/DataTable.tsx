import type { ReactNode } from 'react';

/**
 * A data table in a keyboard-scrollable region named by its heading (WCAG 2.1.1:
 * a wide table scrolls sideways, so the region must take focus).
 */
export function DataTable({
  labelledBy,
  className,
  columns,
  children,
}: {
  /** id of the heading that names the table's region */
  labelledBy: string;
  /** Added to `data-table`. */
  className?: string;
  /** The column headings, in order. */
  columns: ReactNode[];
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
