import { EVENT_SEVERITIES, INCIDENT_STATUSES, SENSOR_STATUSES } from '@ioc/shared';
import { useApi } from '../../../lib/api/useApi';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';
import { mapUrls, type MapUnitCollection } from '../../map/api/mapApi';
import type { OperationsFilters } from '../api/operationsApi';
import { opsLabel, statusLabel } from '../operationsLabels';

const TYPES = [
  'traffic_accident',
  'traffic_jam',
  'fire',
  'forest_fire',
  'flood',
  'landslide',
  'security',
  'cyber_attack',
  'emergency_call',
  'public_report',
  'camera_offline',
];

export function OperationsFiltersBar({
  filters,
  onChange,
}: {
  filters: OperationsFilters;
  onChange: (patch: Partial<OperationsFilters>) => void;
}) {
  const { t, lang, pick } = useI18n();
  const districts = useApi<MapUnitCollection>(mapUrls.units({ level: 'district' }));
  const all = { value: '', label: t('ops.filter.all') };
  return (
    <div className="ops-filters" role="search">
      <SelectField
        label={t('ops.filter.type')}
        value={filters.type}
        onChange={(type) => onChange({ type })}
        options={[all, ...TYPES.map((v) => ({ value: v, label: opsLabel(lang, 'type', v) }))]}
      />
      <SelectField
        label={t('ops.filter.severity')}
        value={filters.severity}
        onChange={(severity) => onChange({ severity })}
        options={[all, ...EVENT_SEVERITIES.map((v) => ({ value: v, label: opsLabel(lang, 'severity', v) }))]}
      />
      <SelectField
        label={t('ops.filter.status')}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        options={[
          { value: '', label: t('ops.filter.open') },
          { value: 'all', label: t('ops.filter.all') },
          ...INCIDENT_STATUSES.map((v) => ({ value: v, label: statusLabel(lang, v) })),
        ]}
      />
      <SelectField
        label={t('ops.filter.sensor')}
        value={filters.sensor}
        onChange={(sensor) => onChange({ sensor })}
        options={[all, ...SENSOR_STATUSES.map((v) => ({ value: v, label: t(`ops.sensorStatus.${v}`) }))]}
      />
      <SelectField
        label={t('ops.filter.unit')}
        value={filters.unit}
        onChange={(unit) => onChange({ unit })}
        options={[
          all,
          ...(districts.data?.features ?? []).map((f) => ({
            value: f.properties.code,
            label: pick({ name: f.properties.name, nameEn: f.properties.nameEn ?? null }),
          })),
        ]}
      />
    </div>
  );
}
