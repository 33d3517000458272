import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { operationsApi, type IncidentDetailView } from '../api/operationsApi';

/** The SOP steps of the incident: tick them off (who and when are recorded); overdue steps stand out. */
export function SopChecklist({ incident }: { incident: IncidentDetailView }) {
  const { t, dateTime } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  if (incident.sopSteps.length === 0) return <p className="muted">{t('ops.sop.empty')}</p>;
  const tick = async (stepId: string, done: boolean) => {
    try {
      setFailure(null);
      await operationsApi.tickStep(incident.id, stepId, done);
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <>
      <ol className="ops-sop" data-testid="sop-steps">
        {incident.sopSteps.map((s) => (
          <li key={s.id} data-overdue={s.isOverdue} data-done={s.doneAt !== null}>
            <label>
              <input
                type="checkbox"
                checked={s.doneAt !== null}
                onChange={(e) => void tick(s.id, e.target.checked)}
              />{' '}
              <strong>{s.title}</strong> — {s.responsible}
            </label>
            <div className="muted small">
              {s.doneAt
                ? t('ops.sop.doneBy', { who: s.doneBy ?? '', at: dateTime(s.doneAt) })
                : t('ops.sop.due', { at: dateTime(s.dueAt) })}
              {s.isOverdue ? <span className="ops-late"> · {t('ops.sop.overdue')}</span> : null}
            </div>
          </li>
        ))}
      </ol>
      {failure ? <ErrorMessage error={failure} /> : null}
    </>
  );
}
