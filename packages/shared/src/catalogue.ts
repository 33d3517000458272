/**
 * The catalogue vocabulary shared by the server and the web app: enumerations and the zod
 * schemas of units, organisations, indicators and targets as they cross the API.
 */
import { z } from 'zod';
import { parsePeriod } from './periods';

export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

/** A period code in the API: any accepted form in, the canonical code out. */
export const periodCodeSchema = z
  .string()
  .refine(
    (code) => parsePeriod(code) !== null,
    'Invalid period code (2024-03-15, 2024-W07, 2024-03, 2024-Q1, 2024-YTD05, 2024)',
  )
  .transform((code) => parsePeriod(code)?.code ?? code);

export const PERIOD_TYPES = ['day', 'week', 'month', 'quarter', 'ytd', 'year'] as const;
export const periodTypeSchema = z.enum(PERIOD_TYPES);
export type PeriodType = z.infer<typeof periodTypeSchema>;

/** How values of child units combine into their parent. `formula`: a derived indicator,
 * computed from its inputs after they are rolled up (this is how ratios are recomputed from
 * numerator and denominator instead of being averaged). */
export const AGGREGATIONS = ['sum', 'mean', 'weighted_mean', 'min', 'max', 'last', 'formula'] as const;
export const aggregationSchema = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof aggregationSchema>;

/**
 * How values of shorter periods combine into a longer one (month → quarter → year). `last` is a
 * closing stock (the value of the latest sub-period), `first` an opening stock (the value of the
 * earliest, e.g. dossiers carried over into a quarter = those carried over into its first month).
 */
export const TIME_AGGREGATIONS = ['sum', 'mean', 'min', 'max', 'last', 'first'] as const;
export const timeAggregationSchema = z.enum(TIME_AGGREGATIONS);
export type TimeAggregation = z.infer<typeof timeAggregationSchema>;

export const DIRECTIONS = ['higher_better', 'lower_better', 'band'] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const WARNING_LEVELS = ['green', 'yellow', 'orange', 'red', 'no_target', 'no_data'] as const;
export const warningLevelSchema = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof warningLevelSchema>;

/** National guidance groups indicators as input, process, task output, policy impact, composite. */
export const INDICATOR_GROUPS = ['input', 'process', 'output', 'impact', 'composite'] as const;
export const indicatorGroupSchema = z.enum(INDICATOR_GROUPS);

export const OBSERVATION_STATUSES = ['draft', 'submitted', 'approved'] as const;
export const observationStatusSchema = z.enum(OBSERVATION_STATUSES);
export type ObservationStatus = z.infer<typeof observationStatusSchema>;

export const ROLES = ['administrator', 'leader', 'operator', 'analyst', 'data_officer', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ORGANISATION_KINDS = ['people_committee', 'department', 'agency', 'other'] as const;

export const domainInputSchema = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  sort: z.number().int(),
});
export const organisationInputSchema = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  kind: z.enum(ORGANISATION_KINDS),
  unitCode: z.string().nullish(),
});
export const teamInputSchema = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  leaderPersonCode: z.string().nullish(),
});
export const personInputSchema = z.object({
  code: z.string().min(1),
  fullName: z.string().min(1),
  titleVi: z.string().min(1),
  titleEn: z.string().min(1),
  organisationCode: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});
export type DomainInput = z.infer<typeof domainInputSchema>;
export type OrganisationInput = z.infer<typeof organisationInputSchema>;
export type TeamInput = z.infer<typeof teamInputSchema>;
export type PersonInput = z.infer<typeof personInputSchema>;

/**
 * Warning thresholds. `achievement`: percentages of the target (value / target × 100);
 * for higher_better a value below `yellow` % is yellow, below `orange` % orange, below `red` % red;
 * for lower_better (the target is a ceiling) above `yellow` % is yellow, and so on.
 * For band: percent deviation outside the band [low, high] relative to the band edge.
 * `absolute`: the same cut-offs applied to the value itself (e.g. AQI 100 / 150 / 200).
 */
export const thresholdsSchema = z.object({
  mode: z.enum(['achievement', 'absolute']),
  yellow: z.number(),
  orange: z.number(),
  red: z.number(),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const codeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'A–Z, 0–9, _ . -');

export const unitInputSchema = z.object({
  code: codeSchema,
  name: z.string().min(1),
  nameEn: z.string().nullish(),
  level: unitLevelSchema,
  parentCode: codeSchema.nullish(),
  validFrom: dateSchema.nullish(),
  validTo: dateSchema.nullish(),
  /** A GeoJSON Polygon or MultiPolygon geometry: the official boundary. */
  geometry: z.record(z.string(), z.unknown()).nullish(),
  /** [longitude, latitude]; units without a boundary are drawn as schematic cells around it. */
  centroid: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).nullish(),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export const indicatorInputSchema = z.object({
  code: codeSchema,
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  domainCode: codeSchema,
  group: indicatorGroupSchema.default('output'),
  unitOfMeasure: z.string().min(1),
  periodType: periodTypeSchema,
  aggregation: aggregationSchema,
  timeAggregation: timeAggregationSchema,
  /** For weighted_mean: the indicator whose values weigh each unit (e.g. population). */
  weightIndicatorCode: codeSchema.nullish(),
  /** For formula: an expression over other indicator codes, e.g. `100 * HS_DUNG_HAN / HS_DA_XU_LY`. */
  formula: z.string().nullish(),
  decimals: z.number().int().min(0).max(6).default(1),
  direction: directionSchema,
  thresholds: thresholdsSchema,
  ownerOrganisationCode: codeSchema.nullish(),
  responsiblePersonCode: codeSchema.nullish(),
  teamCode: codeSchema.nullish(),
  source: z.string().min(1),
  isPublic: z.boolean().default(false),
  description: z.string().nullish(),
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const targetInputSchema = z.object({
  indicatorCode: codeSchema,
  unitCode: codeSchema,
  period: z.string().min(4),
  value: z.number().nullish(),
  low: z.number().nullish(),
  high: z.number().nullish(),
});
export type TargetInput = z.infer<typeof targetInputSchema>;
