export interface Segment {
  value: string;
  label: string;
}

/** A small radio group shown as buttons (e.g. colour by level / by value). */
export function SegmentedControl({
  label,
  value,
  onChange,
  segments,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  segments: Segment[];
  name: string;
}) {
  return (
    <fieldset className="segmented">
      <legend>{label}</legend>
      <div className="segmented-options">
        {segments.map((s) => (
          <label key={s.value} className={s.value === value ? 'is-selected' : undefined}>
            <input
              type="radio"
              name={name}
              value={s.value}
              checked={s.value === value}
              onChange={() => onChange(s.value)}
            />
            {s.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
