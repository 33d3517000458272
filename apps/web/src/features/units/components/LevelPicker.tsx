import type { UnitLevel } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/useI18n';
import { SelectField } from '../../../ui/SelectField';

/** District or commune level for maps and rankings. */
export function LevelPicker({ value, onChange }: { value: UnitLevel; onChange: (level: UnitLevel) => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      label={t('unitLevel.label')}
      value={value}
      onChange={(v) => onChange(v === 'commune' ? 'commune' : 'district')}
      options={[
        { value: 'district', label: t('unitLevel.district') },
        { value: 'commune', label: t('unitLevel.commune') },
      ]}
      name="level"
    />
  );
}
