import type { ReactNode } from 'react';
import { Link } from '../../../lib/router/Link';

/** A headline figure; with `to`, a link to the records behind it. */
export function Figure({
  label,
  value,
  note,
  to,
  testId,
}: {
  label: string;
  value: string;
  note?: ReactNode;
  to?: string;
  testId?: string;
}) {
  const body = (
    <>
      <span className="tile-name">{label}</span>
      <span className="tile-value" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </span>
      {note ? <span className="tile-target">{note}</span> : null}
    </>
  );
  return to ? (
    <Link to={to} className="tile finance-figure" data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className="tile finance-figure" data-testid={testId}>
      {body}
    </div>
  );
}
