import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';

const TABS = [
  ['figures', '/dossiers'],
  ['deadlines', '/dossiers/deadlines'],
  ['index766', '/dossiers/index-766'],
] as const;

/** The dossier screens: figures, due soon / overdue, the 766 index. */
export function DossierNav({ active }: { active: (typeof TABS)[number][0] | null }) {
  const { t } = useI18n();
  return (
    <nav className="sub-nav" aria-label={t('dossiers.title')}>
      {TABS.map(([key, to]) => (
        <Link
          key={key}
          to={to}
          aria-current={active === key ? 'page' : undefined}
          className={active === key ? 'is-active' : undefined}
        >
          {t(`dossiers.nav.${key}`)}
        </Link>
      ))}
    </nav>
  );
}
