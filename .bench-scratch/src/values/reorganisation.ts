import { aggregateValues, type Aggregation } from '@ioc/shared';

export interface PredecessorPart {
  value: number | null;
  /** Part of the predecessor that went into the successor; null when a split's share is unknown. */
  share: number | null;
}

/**
 * The value a merged (or split-off) unit would have had before it existed, from its
 * predecessors' values. Sums take each predecessor's share; other rules are only defined when
 * whole units merged (share 1). Returns null when the history cannot honestly be converted.
 */
export function combinePredecessors(
  aggregation: Exclude<Aggregation, 'formula'>,
  parts: PredecessorPart[],
): { value: number; coverage: number } | null {
  const present = parts.filter((p): p is { value: number; share: number | null } => p.value !== null);
  if (present.length === 0) return null;
  let value: number | null;
  if (aggregation === 'sum') {
    if (parts.some((p) => p.share === null)) return null;
    value = present.reduce((sum, p) => sum + p.value * (p.share ?? 0), 0);
  } else {
    if (parts.some((p) => p.share !== 1)) return null;
    // Without the weights of the old units a weighted mean falls back to the plain mean.
    value = aggregateValues(
      aggregation === 'weighted_mean' ? 'mean' : aggregation,
      present.map((p) => ({ value: p.value })),
    );
  }
  return value === null ? null : { value, coverage: present.length / parts.length };
}
