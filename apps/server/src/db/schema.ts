import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as text (see database.ts: the DATE parser is disabled). */
type DateText = ColumnType<string, string, string>;

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  level: string;
  parent_id: number | null;
  valid_from: DateText | null;
  valid_to: DateText | null;
  geometry: unknown | null;
  has_boundary: Generated<boolean>;
  centroid_lon: number | null;
  centroid_lat: number | null;
}

export interface UnitLinksTable {
  predecessor_id: number;
  successor_id: number;
  share: number | null;
  kind: string;
  effective_date: DateText;
}

export interface OrganisationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  kind: string;
  unit_id: number | null;
}

export interface TeamsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  leader_person_code: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  code: string;
  full_name: string;
  title: string | null;
  title_en: string | null;
  organisation_id: number | null;
  email: string | null;
  phone: string | null;
}

export interface DomainsTable {
  code: string;
  name: string;
  name_en: string;
  sort: number;
}

export interface IndicatorsTable {
  code: string;
  name: string;
  name_en: string;
  domain_code: string;
  indicator_group: string;
  unit_of_measure: string;
  period_type: string;
  aggregation: string;
  time_aggregation: string;
  weight_indicator_code: string | null;
  formula: string | null;
  decimals: number;
  direction: string;
  thresholds: unknown;
  owner_organisation_id: number | null;
  responsible_person_id: number | null;
  team_id: number | null;
  source: string;
  is_public: boolean;
  description: string | null;
  updated_at: Timestamp;
}

export interface ObservationsTable {
  id: Generated<string>;
  indicator_code: string;
  unit_id: number;
  period: string;
  disaggregation: string;
  value: number;
  status: string;
  source: string | null;
  revision: number;
  comment: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ObservationRevisionsTable {
  observation_id: string;
  revision: number;
  value: number;
  status: string;
  source: string | null;
  changed_by: string | null;
  changed_at: Timestamp;
  comment: string | null;
}

export interface TargetsTable {
  indicator_code: string;
  unit_id: number;
  period: string;
  value: number | null;
  low: number | null;
  high: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface RollupValuesTable {
  indicator_code: string;
  unit_id: number;
  period: string;
  value: number;
  coverage: number;
  reported: boolean;
}

export interface RollupQueueTable {
  indicator_code: string;
  year: number;
  /** bigint, returned as text by pg. */
  generation: Generated<string>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  organisation_id: number | null;
  scope_unit_id: number | null;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  person_id: number | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  user_id: number;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  entity: string;
  entity_key: string;
  before: unknown | null;
  after: unknown | null;
}

export interface IdempotencyKeysTable {
  key: string;
  actor: string;
  request_hash: string;
  status_code: number;
  response: unknown;
  created_at: Timestamp;
}

export interface ExplanationsTable {
  id: Generated<string>;
  indicator_code: string;
  unit_id: number;
  period: string;
  kind: string;
  body: string;
  value: number | null;
  level: string;
  author_id: number;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  code: string;
  url: string;
  secret: string | null;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  is_active: Generated<boolean>;
  created_at: Timestamp;
}

export interface DeliveriesTable {
  id: Generated<string>;
  channel: 'email' | 'webhook';
  target: string;
  kind: string;
  dedupe_key: string | null;
  payload: unknown;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

// Data supply (issue 4): data sets, submissions with staged values, receipts, reminders.
type Json = ColumnType<unknown, string, string>;

export interface DataSetsTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  organisation_id: number;
  indicator_codes: Json;
  unit_selection: Json;
  frequency: 'day' | 'month' | 'quarter' | 'year';
  deadline_rule: Json;
  channel: 'file' | 'form' | 'api';
  allow_partial: boolean;
  responsible_person_codes: Json;
  approver_person_code: string | null;
  rules: Json;
  remind_before_hours: number;
  is_active: boolean;
  updated_at: Timestamp;
}

export type SubmissionStatus =
  'queued' | 'processing' | 'failed' | 'draft' | 'submitted' | 'rejected' | 'published';

export interface SubmissionsTable {
  id: Generated<string>;
  data_set_id: number;
  period: string;
  channel: 'file' | 'form';
  file_name: string | null;
  file_format: 'xlsx' | 'csv' | null;
  content_hash: string;
  file: Buffer | null;
  status: SubmissionStatus;
  rows_total: Generated<number>;
  rows_processed: Generated<number>;
  rows_valid: Generated<number>;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  report: Generated<unknown>;
  failure: string | null;
  created_by: string;
  created_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reject_reason: string | null;
}

export interface SubmissionValuesTable {
  submission_id: string;
  unit_id: number;
  indicator_code: string;
  value: number;
}

export interface DataReceiptsTable {
  data_set_id: number;
  unit_id: number;
  period: string;
  received_at: Timestamp;
  channel: string;
}

export interface DataSupplyRemindersTable {
  data_set_id: number;
  period: string;
  person_code: string;
  stage: 'before' | 'after';
  sent_at: Timestamp;
}

export interface Database {
  explanations: ExplanationsTable;
  units: UnitsTable;
  unit_links: UnitLinksTable;
  organisations: OrganisationsTable;
  teams: TeamsTable;
  people: PeopleTable;
  domains: DomainsTable;
  indicators: IndicatorsTable;
  observations: ObservationsTable;
  observation_revisions: ObservationRevisionsTable;
  targets: TargetsTable;
  rollup_values: RollupValuesTable;
  rollup_queue: RollupQueueTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  deliveries: DeliveriesTable;
  data_sets: DataSetsTable;
  submissions: SubmissionsTable;
  submission_values: SubmissionValuesTable;
  data_receipts: DataReceiptsTable;
  data_supply_reminders: DataSupplyRemindersTable;
}
