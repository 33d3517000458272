import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

/** The header row of a data table; `null` columns are left out. */
export function TableHead({ columns }: { columns: (Column | null)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) =>
          column ? (
            <th key={i} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  );
}
