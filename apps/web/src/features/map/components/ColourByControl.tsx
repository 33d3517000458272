import { useI18n } from '../../../lib/i18n/useI18n';
import { SegmentedControl } from '../../../ui/SegmentedControl';
import type { ColourBy } from '../mapColouring';

export function ColourByControl({
  value,
  onChange,
}: {
  value: ColourBy;
  onChange: (value: ColourBy) => void;
}) {
  const { t } = useI18n();
  return (
    <SegmentedControl
      label={t('map.colourBy')}
      name="colourBy"
      value={value}
      onChange={(v) => onChange(v === 'value' ? 'value' : 'level')}
      segments={[
        { value: 'level', label: t('map.byLevel') },
        { value: 'value', label: t('map.byValue') },
      ]}
    />
  );
}
