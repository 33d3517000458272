/**
 * The index of service to citizens and businesses (Quyết định 766/QĐ-TTg) from the dossier
 * figures of a month and the satisfaction ratings: six components with the weights of
 * DOMAIN.md, each scored as weight × its rate. Publicity is the share of the month's dossiers
 * the one-stop system published on the national public-service portal within
 * DOSSIER_PUBLISH_HOURS of reception; progress the on-time rate; online, payment and
 * digitisation the shares received online, paid online (of those with fees) and digitised;
 * satisfaction the share of ratings that are "satisfied". A component without data (no dossier received,
 * no fee, no rating) is left out and the total is rescaled to 100 over the components present,
 * so a unit is not punished for data nobody supplied; `weightCovered` says how much was present.
 */
import {
  dossierRates,
  INDEX_766_COMPONENTS,
  INDEX_766_WEIGHTS,
  type DossierCounts,
  type Index766Component,
} from '@ioc/shared';

export interface Satisfaction {
  ratings: number;
  satisfied: number;
}

export interface ComponentScore {
  component: Index766Component;
  weight: number;
  /** Percent 0–100 the score is read from; null without data. */
  rate: number | null;
  /** weight × rate / 100; null without data. */
  score: number | null;
  /** Points lost against the full weight; null without data. */
  lost: number | null;
}

export interface Index766 {
  /** 0–100, rescaled over the components with data; null when none has data. */
  total: number | null;
  /** Sum of the weights of the components with data (100 when all have). */
  weightCovered: number;
  components: ComponentScore[];
  /** The component that loses the most points, or null when nothing is lost or known. */
  costliest: Index766Component | null;
}

const rateOf = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);

/** Computes the 766 index of one agency or unit for one month. */
export function computeIndex766(counts: DossierCounts, satisfaction: Satisfaction | null): Index766 {
  const rates: Record<Index766Component, number | null> = {
    publicity: rateOf(counts.published, counts.received),
    progress: dossierRates(counts).onTimeRate,
    online: rateOf(counts.online, counts.received),
    payment: rateOf(counts.paid_online, counts.with_fee),
    satisfaction: satisfaction ? rateOf(satisfaction.satisfied, satisfaction.ratings) : null,
    digitisation: rateOf(counts.digitised, counts.received),
  };
  const components = INDEX_766_COMPONENTS.map((component): ComponentScore => {
    const weight = INDEX_766_WEIGHTS[component];
    const rate = rates[component];
    const score = rate === null ? null : (weight * rate) / 100;
    return { component, weight, rate, score, lost: score === null ? null : weight - score };
  });
  const present = components.filter((c) => c.score !== null);
  const weightCovered = present.reduce((sum, c) => sum + c.weight, 0);
  const scored = present.reduce((sum, c) => sum + (c.score ?? 0), 0);
  const costliest = present.reduce<ComponentScore | null>(
    (worst, c) => ((c.lost ?? 0) > (worst?.lost ?? 0) ? c : worst),
    null,
  );
  return {
    total: weightCovered === 0 ? null : (100 * scored) / weightCovered,
    weightCovered,
    components,
    costliest: costliest?.component ?? null,
  };
}

/** Ranks by total, best first; equal totals share a rank, those without a total come last unranked. */
export function rankIndex766<T extends { index: Index766 }>(items: T[]): (T & { rank: number | null })[] {
  const sorted = [...items].sort((a, b) => (b.index.total ?? -1) - (a.index.total ?? -1));
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((item, i) => {
    const total = item.index.total;
    if (total === null) return { ...item, rank: null };
    if (total !== previous) rank = i + 1;
    previous = total;
    return { ...item, rank };
  });
}
