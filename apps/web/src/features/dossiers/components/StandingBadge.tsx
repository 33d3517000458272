import type { WarningLevel } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { LEVEL_INK, LEVEL_TINT } from '../../../ui/warningColours';
import type { DossierSummary } from '../api/dossiersApi';

const LEVEL: Record<DossierSummary['standing'], WarningLevel> = {
  done_on_time: 'green',
  done_late: 'orange',
  late: 'red',
  open: 'no_target',
};

/** Where a dossier stands: done on time or late, in progress late or within its deadline. */
export function StandingBadge({ standing }: { standing: DossierSummary['standing'] }) {
  const { t } = useI18n();
  const level = LEVEL[standing];
  return (
    <span
      className="level-badge"
      style={{ background: LEVEL_TINT[level], color: LEVEL_INK[level] }}
      data-standing={standing}
    >
      {t(`dossiers.standing.${standing}`)}
    </span>
  );
}
