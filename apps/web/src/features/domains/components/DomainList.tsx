import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { useDomains } from '../../catalogue/hooks/useDomains';

/** Every domain, each leading to its dashboard. */
export function DomainList() {
  const { t, pick } = useI18n();
  const { domains, error } = useDomains();
  useDocumentTitle(t('nav.domains'));
  if (error) return <ErrorMessage error={error} />;
  if (!domains) return <Loading />;
  return (
    <div>
      <h1>{t('nav.domains')}</h1>
      <ul className="domain-links">
        {domains.map((d) => (
          <li key={d.code}>
            <Link to={`/domain/${encodeURIComponent(d.code)}`}>{pick(d)}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
