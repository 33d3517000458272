import type { IncidentAction } from '@ioc/shared';
import { useState } from 'react';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { operationsApi, type IncidentDetailView } from '../api/operationsApi';
import { actionLabel } from '../operationsLabels';

interface Organisation {
  code: string;
  name: string;
}
interface Person {
  code: string;
  fullName: string;
  organisationCode: string | null;
}

/** The lifecycle buttons valid for the incident's status; assigning asks for an organisation and/or a person. */
export function IncidentActions({ incident }: { incident: IncidentDetailView }) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [person, setPerson] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const canAssign = incident.allowedActions.includes('assign');
  const organisations = useApi<{ organisations: Organisation[] }>(canAssign ? '/api/v1/organisations' : null);
  const people = useApi<{ people: Person[] }>(canAssign ? '/api/v1/people' : null);

  const run = async (action: IncidentAction) => {
    setBusy(true);
    setFailure(null);
    try {
      await operationsApi.transition(incident.id, {
        action,
        ...(note ? { note } : {}),
        ...(action === 'assign' && organisation ? { organisationCode: organisation } : {}),
        ...(action === 'assign' && person ? { personCode: person } : {}),
      });
      setNote('');
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ops-actions" data-testid="incident-actions">
      {canAssign ? (
        <div className="ops-assign">
          <label>
            {t('ops.assign.organisation')}
            <select value={organisation} onChange={(e) => setOrganisation(e.target.value)}>
              <option value="">{t('ops.assign.none')}</option>
              {(organisations.data?.organisations ?? []).map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('ops.assign.person')}
            <select value={person} onChange={(e) => setPerson(e.target.value)}>
              <option value="">{t('ops.assign.none')}</option>
              {(people.data?.people ?? [])
                .filter((p) => !organisation || p.organisationCode === organisation)
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.fullName}
                  </option>
                ))}
            </select>
          </label>
        </div>
      ) : null}
      <label className="ops-note">
        {t('ops.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} />
      </label>
      <div className="ops-buttons">
        {incident.allowedActions.map((action) => (
          <button
            key={action}
            type="button"
            className="button-primary"
            disabled={busy}
            data-action={action}
            onClick={() => void run(action)}
          >
            {actionLabel(lang, action)}
          </button>
        ))}
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
    </div>
  );
}
