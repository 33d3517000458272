import { DOSSIER_FIGURE_LABELS, type DossierFigure, type WarningLevel } from '@ioc/shared';
import { useI18n } from '../../../lib/i18n/useI18n';
import { Link } from '../../../lib/router/Link';
import { LEVEL_INK, LEVEL_TINT } from '../../../ui/warningColours';
import { listPath, type FigureGrouping, type FigureRow } from '../api/dossiersApi';

const COLUMNS: DossierFigure[] = [
  'to_process',
  'carried_over',
  'received',
  'in_progress',
  'in_progress_late',
  'in_progress_due_soon',
  'in_progress_not_due',
  'done',
  'done_on_time',
  'done_late',
];

/** The colour of a late rate: over 20 % red, over 10 % orange, over 5 % yellow. */
export function lateRateLevel(rate: number | null): WarningLevel {
  if (rate === null) return 'no_data';
  return rate > 20 ? 'red' : rate > 10 ? 'orange' : rate > 5 ? 'yellow' : 'green';
}

/** Dossier figures per unit, agency or field; every count links to the dossiers behind it. */
export function DossierFiguresTable({
  rows,
  by,
  period,
  unit,
  useYtd,
}: {
  rows: FigureRow[];
  by: FigureGrouping;
  period: string;
  unit: string;
  useYtd: boolean;
}) {
  const { t, num, pick, lang } = useI18n();
  const filterOf = (row: FigureRow) =>
    by === 'unit'
      ? { unit: row.key }
      : by === 'agency'
        ? { unit, agency: row.key }
        : { unit, field: row.key };
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="dossier-figures">
        <thead>
          <tr>
            <th scope="col">{t(`dossiers.by.${by}`)}</th>
            {COLUMNS.map((f) => (
              <th key={f} scope="col" className="num">
                {lang === 'en' ? DOSSIER_FIGURE_LABELS[f].en : DOSSIER_FIGURE_LABELS[f].vi}
              </th>
            ))}
            <th scope="col" className="num">
              {t('dossiers.lateRate')}
            </th>
            <th scope="col" className="num">
              {t('dossiers.onlineRate')}
            </th>
            <th scope="col" className="num">
              {t('dossiers.onlinePaymentRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const c = useYtd ? row.ytd : row.month;
            const level = lateRateLevel(c.lateRate);
            return (
              <tr
                key={row.key}
                className={i === 0 && by === 'unit' ? 'total-row' : undefined}
                data-key={row.key}
              >
                <th scope="row">{pick({ name: row.name })}</th>
                {COLUMNS.map((f) => (
                  <td key={f} className="num">
                    <Link
                      to={listPath({ figure: f, period: useYtd ? ytdOf(period) : period, ...filterOf(row) })}
                      data-figure={f}
                    >
                      {num(c[f], 0)}
                    </Link>
                  </td>
                ))}
                <td
                  className="num"
                  style={{ background: LEVEL_TINT[level], color: LEVEL_INK[level] }}
                  data-level={level}
                >
                  {c.lateRate === null ? '—' : `${num(c.lateRate, 1)} %`}
                </td>
                <td className="num">{c.onlineRate === null ? '—' : `${num(c.onlineRate, 1)} %`}</td>
                <td className="num">
                  {c.onlinePaymentRate === null ? '—' : `${num(c.onlinePaymentRate, 1)} %`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** `2024-03` → `2024-YTD03`. */
export function ytdOf(month: string): string {
  return `${month.slice(0, 4)}-YTD${month.slice(5, 7)}`;
}
