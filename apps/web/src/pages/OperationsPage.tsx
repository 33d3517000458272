import { useCallback } from 'react';
import { EventGroupList } from '../features/operations/components/EventGroupList';
import { IncidentDetail } from '../features/operations/components/IncidentDetail';
import { IncidentList } from '../features/operations/components/IncidentList';
import { OperationsFiltersBar } from '../features/operations/components/OperationsFiltersBar';
import { OperationsMap } from '../features/operations/components/OperationsMap';
import { useLiveOperations } from '../features/operations/hooks/useLiveOperations';
import type { OperationsFilters } from '../features/operations/api/operationsApi';
import { useSession } from '../features/auth/hooks/useSession';
import { useLiveUpdates } from '../features/live/hooks/useLiveUpdates';
import { Link } from '../lib/router/Link';
import { useI18n } from '../lib/i18n/useI18n';
import { useQueryState } from '../lib/router/useQueryState';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Card } from '../ui/Card';

/** The operators' screen: live events and incidents, the map of now, and the incident being worked on. */
export function OperationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('ops.title'));
  useLiveUpdates();
  useLiveOperations();
  const { user } = useSession();
  const { query, setQuery } = useQueryState();
  const filters: OperationsFilters = {
    type: query.get('type') ?? '',
    severity: query.get('severity') ?? '',
    status: query.get('status') ?? '',
    unit: query.get('unit') ?? '',
    sensor: query.get('sensor') ?? '',
  };
  const incidentId = query.get('incident');
  const openIncident = useCallback((id: string) => setQuery({ incident: id }, { push: true }), [setQuery]);
  return (
    <div className="ops-page">
      <h1>{t('ops.title')}</h1>
      <p className="muted">
        {t('ops.intro')}
        {user?.role === 'administrator' ? (
          <>
            {' '}
            <Link to="/admin/operations">{t('opsConfig.title')}</Link>
          </>
        ) : null}
      </p>
      <OperationsFiltersBar filters={filters} onChange={(patch) => setQuery(patch)} />
      {incidentId ? <IncidentDetail id={incidentId} onClose={() => setQuery({ incident: null })} /> : null}
      <div className="ops-grid">
        <Card title={t('ops.map')} className="ops-map-card">
          <OperationsMap filters={filters} onOpenIncident={openIncident} />
        </Card>
        <Card title={t('ops.incidents')}>
          <IncidentList filters={filters} selectedId={incidentId} onOpen={openIncident} />
        </Card>
        <Card title={t('ops.events')}>
          <EventGroupList filters={filters} onOpenIncident={openIncident} />
        </Card>
      </div>
    </div>
  );
}
