import { ApiError } from '../../../lib/api/http';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { LevelBadge } from '../../../ui/LevelBadge';
import { Loading } from '../../../ui/Loading';
import { useSession } from '../../auth/hooks/useSession';
import { useExplanations } from '../hooks/useExplanations';
import { ExplanationForm } from './ExplanationForm';

/**
 * Giải trình: the responsible unit explains a shortfall, leaders and analysts comment. Each entry
 * shows its author, time and the value it referred to; logged-in users can add one.
 */
export function ExplanationThread({
  code,
  unit,
  unitName,
  period,
  decimals,
  unitOfMeasure,
}: {
  code: string;
  unit: string;
  unitName: string;
  period: string;
  decimals: number;
  unitOfMeasure: string;
}) {
  const { t, num, dateTime, period: periodLabel } = useI18n();
  const { user } = useSession();
  const { entries, error, isLoading, refetch } = useExplanations(code, unit, period);
  return (
    <div className="thread" data-testid="explanation-thread">
      <p className="muted">{t('explanations.subject', { unit: unitName, period: periodLabel(period) })}</p>
      {/* Anonymous visitors are offered the login link below rather than an error. */}
      {error && !(error instanceof ApiError && error.status === 401) ? <ErrorMessage error={error} /> : null}
      {isLoading ? <Loading /> : null}
      {entries && entries.length === 0 ? <p className="muted">{t('explanations.empty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="thread-entries">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className={`thread-entry thread-${entry.kind}`}
              data-testid="explanation-entry"
            >
              <header>
                <strong>{entry.author.displayName}</strong>{' '}
                <span className="muted">
                  ({t(`role.${entry.author.role}`)}) · {t(`explanations.kind.${entry.kind}`)} ·{' '}
                  <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                </span>
              </header>
              <p className="thread-text">{entry.text}</p>
              <footer className="muted">
                {t('explanations.refersTo')}: {num(entry.value, decimals)} {unitOfMeasure}
                {entry.level ? (
                  <>
                    {' '}
                    <LevelBadge level={entry.level} />
                  </>
                ) : null}
              </footer>
            </li>
          ))}
        </ol>
      ) : null}
      {user ? (
        <ExplanationForm code={code} unit={unit} period={period} role={user.role} onPosted={refetch} />
      ) : user === null ? (
        <p>
          <Link to={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}>
            {t('explanations.loginToWrite')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
