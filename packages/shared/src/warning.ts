/**
 * Warning levels (xanh / vàng / cam / đỏ, grey for no data) of an indicator value against its
 * target (kế hoạch) or fixed thresholds, with a one-line reason in Vietnamese and English.
 */
import type { Direction, Thresholds, TimeAggregation, WarningLevel } from './catalogue';
import { formatCompactNumber, formatNumber, roundNumber } from './format';
import { daysInYear, type Lang, type Period } from './periods';

export interface TargetValue {
  value: number | null;
  /** Band edges, for direction 'band'. */
  low: number | null;
  high: number | null;
}

export type TargetBasis = 'exact' | 'annual' | 'pro_rata';

export interface ResolvedTarget {
  target: TargetValue;
  basis: TargetBasis;
}

export interface WarningInput {
  value: number | null;
  target: ResolvedTarget | null;
  direction: Direction;
  thresholds: Thresholds;
  /** Decimals the value is shown with; the level is judged on the value as shown. */
  decimals: number;
  unitOfMeasure: string;
}

export interface Reason {
  vi: string;
  en: string;
}

export interface WarningResult {
  level: WarningLevel;
  /** value / target × 100, rounded to 0.1; null without a target value or when the target is 0. */
  achievement: number | null;
  reason: Reason;
}

type AlertLevel = 'yellow' | 'orange' | 'red';
type ColourLevel = 'green' | AlertLevel;

/** Percentages are judged and shown to one decimal, so the reason never contradicts the level. */
const PERCENT_DECIMALS = 1;
const THRESHOLD_DECIMALS = 2;
const LEVEL_NAMES: Record<AlertLevel, Reason> = {
  yellow: { vi: 'vàng', en: 'yellow' },
  orange: { vi: 'cam', en: 'orange' },
  red: { vi: 'đỏ', en: 'red' },
};
const BASIS_NOTES: Record<TargetBasis, Reason> = {
  exact: { vi: '', en: '' },
  annual: { vi: ' (theo kế hoạch năm)', en: ' (annual target)' },
  pro_rata: { vi: ' (kế hoạch năm quy đổi theo kỳ)', en: ' (annual target pro-rated)' },
};

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

/** Share of its year a period covers, for pro-rating an annual target of a summed indicator. */
function computeShareOfYear(period: Period): number {
  switch (period.type) {
    case 'day':
      return 1 / daysInYear(period.year);
    case 'week':
      return 7 / daysInYear(period.year);
    case 'month':
      return 1 / 12;
    case 'quarter':
      return 1 / 4;
    case 'ytd':
      return period.index / 12;
    case 'year':
      return 1;
  }
}

function scaleTarget(target: TargetValue, factor: number): TargetValue {
  const scale = (x: number | null) => (x === null ? null : x * factor);
  return { value: scale(target.value), low: scale(target.low), high: scale(target.high) };
}

/**
 * The target a period's value is judged against: the period's own target if set; otherwise the
 * year's target (for a week, its ISO year's), pro-rated to the period's share of the year when
 * values add up over time (timeAggregation 'sum': month 1/12, quarter 1/4, YTDm m/12, day
 * 1/days-in-year, week 7/days-in-year), else taken as is. Null when neither exists.
 */
export function resolveTarget(
  period: Period,
  timeAggregation: TimeAggregation,
  targetOf: (periodCode: string) => TargetValue | null,
): ResolvedTarget | null {
  const exact = targetOf(period.code);
  if (exact) return { target: exact, basis: 'exact' };
  if (period.type === 'year') return null;
  const annual = targetOf(String(period.year).padStart(4, '0'));
  if (!annual) return null;
  if (timeAggregation !== 'sum') return { target: annual, basis: 'annual' };
  return { target: scaleTarget(annual, computeShareOfYear(period)), basis: 'pro_rata' };
}

// ---------------------------------------------------------------------------------------------
// Levels
// ---------------------------------------------------------------------------------------------

/** Worst level first, so that thresholds entered out of order err on the side of alarm. */
function classifyHigherBetter(x: number, thresholds: Thresholds): ColourLevel {
  if (x < thresholds.red) return 'red';
  if (x < thresholds.orange) return 'orange';
  if (x < thresholds.yellow) return 'yellow';
  return 'green';
}

function classifyLowerBetter(x: number, thresholds: Thresholds): ColourLevel {
  if (x > thresholds.red) return 'red';
  if (x > thresholds.orange) return 'orange';
  if (x > thresholds.yellow) return 'yellow';
  return 'green';
}

/** Outside a band every level is at least yellow; orange and red cut-offs bound the deviation. */
function classifyDeviation(deviation: number, thresholds: Thresholds): AlertLevel {
  if (deviation <= thresholds.orange) return 'yellow';
  if (deviation <= thresholds.red) return 'orange';
  return 'red';
}

/** value / target × 100; against a target of 0 any other value is infinitely far off. */
function computeRatioPercent(value: number, target: number): number {
  if (target === 0) return value === 0 ? 100 : value > 0 ? Infinity : -Infinity;
  return roundNumber((value / target) * 100, PERCENT_DECIMALS);
}

/** Achievement to report beside a level; null without a target value or against a target of 0. */
function computeAchievement(value: number, planned: number | null): number | null {
  return planned === null || planned === 0 ? null : computeRatioPercent(value, planned);
}

// ---------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------

interface Formatter {
  value(x: number, lang: Lang): string;
  percent(x: number, lang: Lang): string;
  threshold(x: number, lang: Lang): string;
}

function makeFormatter(decimals: number, unitOfMeasure: string): Formatter {
  // "85,3%" but "156 AQI", "12 tỷ đồng".
  const unit = unitOfMeasure === '' || unitOfMeasure === '%' ? unitOfMeasure : ` ${unitOfMeasure}`;
  return {
    value: (x, lang) => `${formatNumber(x, decimals, lang)}${unit}`,
    percent: (x, lang) => `${formatCompactNumber(x, PERCENT_DECIMALS, lang)}%`,
    threshold: (x, lang) => formatCompactNumber(x, THRESHOLD_DECIMALS, lang),
  };
}

function buildReason(build: (lang: Lang) => string): Reason {
  return { vi: build('vi'), en: build('en') };
}

/**
 * ", ngưỡng cam < 85%" naming the cut-off the value crossed, or " (ngưỡng vàng < 100%)" naming,
 * in parentheses, the one it stays clear of.
 */
function citeThreshold(cited: AlertLevel, condition: string, crossed: boolean, lang: Lang): string {
  const text =
    lang === 'vi'
      ? `ngưỡng ${LEVEL_NAMES[cited].vi} ${condition}`
      : `${LEVEL_NAMES[cited].en} threshold ${condition}`;
  return crossed ? `, ${text}` : ` (${text})`;
}

/** The threshold a higher/lower-better level is explained by: its own, or yellow for green. */
function citeLevelThreshold(
  level: ColourLevel,
  higher: boolean,
  text: (x: number, lang: Lang) => string,
  thresholds: Thresholds,
  lang: Lang,
): string {
  const cited = level === 'green' ? 'yellow' : level;
  return citeThreshold(
    cited,
    `${higher ? '<' : '>'} ${text(thresholds[cited], lang)}`,
    level !== 'green',
    lang,
  );
}

function describeValue(value: number, format: Formatter, lang: Lang): string {
  return `${lang === 'vi' ? 'Giá trị' : 'Value'} ${format.value(value, lang)}`;
}

// ---------------------------------------------------------------------------------------------
// Assessment per mode
// ---------------------------------------------------------------------------------------------

// Fresh objects each time: a caller may decorate the result it gets.
function makeNoData(): WarningResult {
  return { level: 'no_data', achievement: null, reason: { vi: 'Chưa có số liệu', en: 'No data' } };
}

function makeNoTarget(): WarningResult {
  return { level: 'no_target', achievement: null, reason: { vi: 'Chưa có kế hoạch', en: 'No target' } };
}

function assessAbsolute(value: number, input: WarningInput, format: Formatter): WarningResult {
  const higher = input.direction === 'higher_better';
  const level = (higher ? classifyHigherBetter : classifyLowerBetter)(value, input.thresholds);
  const reason = buildReason(
    (lang) =>
      describeValue(value, format, lang) +
      citeLevelThreshold(level, higher, format.threshold, input.thresholds, lang),
  );
  return { level, achievement: computeAchievement(value, input.target?.target.value ?? null), reason };
}

function describeAchievement(
  value: number,
  ratio: number,
  higher: boolean,
  format: Formatter,
  lang: Lang,
): string {
  if (!Number.isFinite(ratio)) {
    const target = higher
      ? { vi: 'Kế hoạch', en: 'Target' }
      : { vi: 'Mức kế hoạch (trần)', en: 'Target ceiling' };
    return lang === 'vi'
      ? `${target.vi} bằng 0, thực hiện ${format.value(value, lang)}`
      : `${target.en} is 0, actual ${format.value(value, lang)}`;
  }
  const percent = format.percent(ratio, lang);
  if (higher) return lang === 'vi' ? `Đạt ${percent} kế hoạch` : `${percent} of target`;
  return lang === 'vi' ? `Bằng ${percent} mức kế hoạch (trần)` : `${percent} of the target ceiling`;
}

function assessAchievement(
  value: number,
  target: ResolvedTarget,
  input: WarningInput,
  format: Formatter,
): WarningResult {
  const planned = target.target.value;
  if (planned === null) return makeNoTarget();
  const higher = input.direction === 'higher_better';
  const ratio = computeRatioPercent(value, planned);
  // Nothing planned and nothing happened (0 accidents against a ceiling of 0) is on track.
  const level =
    planned === 0 && value === 0
      ? 'green'
      : (higher ? classifyHigherBetter : classifyLowerBetter)(ratio, input.thresholds);
  const percentThreshold = (x: number, lang: Lang) => `${format.threshold(x, lang)}%`;
  const reason = buildReason((lang) => {
    // "Bằng 95% mức kế hoạch (trần) (ngưỡng …)" would stack parentheses.
    const within =
      level === 'green' && !higher ? (lang === 'vi' ? ', trong giới hạn' : ', within limits') : '';
    return (
      describeAchievement(value, ratio, higher, format, lang) +
      within +
      citeLevelThreshold(level, higher, percentThreshold, input.thresholds, lang) +
      BASIS_NOTES[target.basis][lang]
    );
  });
  return { level, achievement: Number.isFinite(ratio) ? ratio : null, reason };
}

function describeBand(low: number | null, high: number | null, format: Formatter, lang: Lang): string {
  const show = (x: number) => format.value(x, lang);
  if (low === null) return high === null ? '' : `≤ ${show(high)}`;
  return high === null ? `≥ ${show(low)}` : `${show(low)} – ${show(high)}`;
}

/** Deviation outside the band: % of the edge (infinite for an edge of 0), or absolute distance. */
function computeDeviation(value: number, edge: number, input: WarningInput): number {
  if (input.thresholds.mode === 'absolute') return roundNumber(Math.abs(value - edge), input.decimals);
  if (edge === 0) return Infinity;
  return roundNumber((Math.abs(value - edge) / Math.abs(edge)) * 100, PERCENT_DECIMALS);
}

function assessBand(
  value: number,
  target: ResolvedTarget,
  input: WarningInput,
  format: Formatter,
): WarningResult {
  const { low, high } = target.target;
  if (low === null && high === null) return makeNoTarget();
  const achievement = computeAchievement(value, target.target.value);
  const note = BASIS_NOTES[target.basis];
  const below = low !== null && value < low;
  const edge = below ? low : high !== null && value > high ? high : null;
  if (edge === null) {
    const band = (lang: Lang) => describeBand(low, high, format, lang);
    const reason = buildReason(
      (lang) =>
        describeValue(value, format, lang) +
        (lang === 'vi' ? ` trong khoảng kế hoạch ${band(lang)}` : ` within the target band ${band(lang)}`) +
        note[lang],
    );
    return { level: 'green', achievement, reason };
  }
  const deviation = computeDeviation(value, edge, input);
  const level = classifyDeviation(deviation, input.thresholds);
  const percentMode = input.thresholds.mode === 'achievement';
  const show = (x: number, lang: Lang) => (percentMode ? format.percent(x, lang) : format.value(x, lang));
  // Being outside the band is what makes yellow; it is explained by the orange cut-off it stays under.
  const cited = level === 'yellow' ? 'orange' : level;
  const reason = buildReason((lang) => {
    const by = Number.isFinite(deviation) ? `${lang === 'vi' ? ' là' : ' by'} ${show(deviation, lang)}` : '';
    const side = {
      vi: below ? 'dưới cận dưới' : 'vượt cận trên',
      en: below ? 'below the lower bound' : 'above the upper bound',
    }[lang];
    const cutoff = `> ${format.threshold(input.thresholds[cited], lang)}${percentMode ? '%' : ''}`;
    return (
      `${describeValue(value, format, lang)} ${side} ${format.value(edge, lang)}${by}` +
      citeThreshold(cited, cutoff, level !== 'yellow', lang) +
      note[lang]
    );
  });
  return { level, achievement, reason };
}

/**
 * The warning level of a value, its achievement (% of target) and the reason in words.
 *
 * - No value → no_data.
 * - Band direction: needs a target with low and/or high (else no_target); inside → green;
 *   outside, the deviation from the nearest edge (in % of the edge, or in the value's unit when
 *   thresholds are absolute) is yellow up to `orange`, orange up to `red`, red beyond.
 * - Absolute thresholds: the value itself against yellow/orange/red (higher_better: below red →
 *   red …; lower_better: above red → red …); no target needed.
 * - Achievement thresholds: needs a target value (else no_target); achievement = value / target
 *   × 100, judged like the absolute case. Target 0: value 0 is green, any other value is
 *   infinitely far off (achievement null).
 *
 * The value is rounded to `decimals` and percentages to 0.1 before judging, so the level always
 * agrees with the numbers the reason shows.
 */
export function assessWarning(input: WarningInput): WarningResult {
  if (input.value === null || !Number.isFinite(input.value)) return makeNoData();
  const value = roundNumber(input.value, input.decimals);
  const format = makeFormatter(input.decimals, input.unitOfMeasure);
  if (input.direction === 'band')
    return input.target ? assessBand(value, input.target, input, format) : makeNoTarget();
  if (input.thresholds.mode === 'absolute') return assessAbsolute(value, input, format);
  return input.target ? assessAchievement(value, input.target, input, format) : makeNoTarget();
}
