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

// Budget and public investment (migration 0010).
interface RecordColumns {
  key: string;
  revision: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface BudgetRecordsTable extends RecordColumns {
  kind: string;
  item_code: string;
  organisation_id: number;
  unit_id: number;
  date: DateText;
  amount: number;
  description: string | null;
}

export interface BudgetEstimatesTable extends RecordColumns {
  year: number;
  kind: string;
  item_code: string;
  organisation_id: number;
  unit_id: number;
  amount: number;
}

export interface InvestmentProjectsTable extends RecordColumns {
  name: string;
  investor_id: number;
  department_id: number;
  unit_id: number;
  project_group: string;
  responsible_name: string;
  responsible_title: string | null;
  responsible_phone: string | null;
  start_date: DateText;
  end_date: DateText;
  completed_on: DateText | null;
}

export interface InvestmentPlansTable extends RecordColumns {
  project_key: string;
  year: number;
  source: string;
  amount: number;
  decision: string | null;
}

export interface InvestmentDisbursementsTable extends RecordColumns {
  project_key: string;
  date: DateText;
  amount: number;
  source: string;
}

export interface RecordRevisionsTable {
  entity: string;
  key: string;
  revision: number;
  data: unknown;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface InvestmentTargetPathsTable {
  year: number;
  day: string;
  percent: number;
}

/** A scope's period whose warehouse figures must be recomputed from its records. */
export interface FigureQueueTable {
  scope: string;
  period: string;
  generation: Generated<string>;
}

// --- Dossiers (hồ sơ TTHC) and the 766 index ---------------------------------------------

export interface DossiersTable {
  /** bigint, returned as text by pg. */
  id: Generated<string>;
  code: string;
  procedure_code: string;
  procedure_name: string;
  field_code: string;
  field_name: string;
  agency_code: string;
  agency_name: string;
  unit_id: number;
  handler: string | null;
  channel: string;
  received_at: Timestamp;
  due_at: Timestamp | null;
  finished_at: Timestamp | null;
  status: string;
  has_fee: boolean;
  paid_online: boolean;
  digitised: boolean;
  published_at: Timestamp | null;
  steps: unknown;
  source_updated_at: Timestamp | null;
  source: string | null;
  revision: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface DossierRevisionsTable {
  dossier_id: string;
  revision: number;
  record: unknown;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface DossierPullRunsTable {
  id: Generated<string>;
  source: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  cursor_from: Timestamp | null;
  cursor_to: Timestamp | null;
  fetched: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  status: string;
  error: string | null;
}

export interface DossierWarningsTable {
  dossier_id: string;
  due_at: Timestamp;
  kind: string;
  recipients: unknown;
  created_at: Timestamp;
}

export interface ServiceSatisfactionTable {
  agency_code: string;
  unit_id: number;
  month: string;
  ratings: number;
  satisfied: number;
  source: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CaseCategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  route_to: Generated<'unit' | 'organisation'>;
  default_organisation_code: string | null;
  deadline_hours: number;
  is_active: Generated<boolean>;
  sort: Generated<number>;
}

export interface CaseCodeCountersTable {
  year: number;
  last: number;
}

export interface CasesTable {
  id: Generated<string>;
  code: string;
  channel: string;
  status: string;
  title: string;
  description: string;
  category_id: number;
  unit_id: number | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  is_confidential: Generated<boolean>;
  submission_key: string | null;
  organisation_id: number | null;
  received_at: Timestamp;
  forwarded_at: Timestamp | null;
  due_at: Timestamp | null;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  answer: string | null;
  is_late: boolean | null;
  rating: number | null;
  rated_at: Timestamp | null;
  reopen_count: Generated<number>;
  citizen_token_hash: string;
  is_published: Generated<boolean>;
  public_summary: string | null;
  public_answer: string | null;
  published_at: Timestamp | null;
  merged_into_id: string | null;
  updated_at: Timestamp;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  action: string;
  actor: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  organisation_id: number | null;
  at: Timestamp;
}

export interface CasePhotosTable {
  id: Generated<string>;
  case_id: string;
  file: string | null;
  url: string | null;
  mime: string;
  bytes: number;
  created_at: Timestamp;
}

// --- Sensors (MQTT) and connectors (issue 4b) ---
export interface SensorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  lon: number;
  lat: number;
  unit_id: number;
  readings: unknown;
  is_active: Generated<boolean>;
  last_seen_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface SensorReadingsTable {
  sensor_id: number;
  message_id: string;
  reading: string;
  observed_at: Timestamp;
  value: number;
  received_at: Timestamp;
}

export interface SensorRollupsTable {
  sensor_id: number;
  reading: string;
  bucket: string;
  start_at: Timestamp;
  count: number;
  sum: number;
  min: number;
  max: number;
  fed: Generated<boolean>;
}

export interface SensorAlertsTable {
  id: Generated<string>;
  sensor_id: number;
  reading: string;
  message_id: string;
  level: string;
  value: number;
  threshold: number;
  direction: string;
  observed_at: Timestamp;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface SensorReadingStateTable {
  sensor_id: number;
  reading: string;
  value: number;
  level: string | null;
  observed_at: Timestamp;
}

export interface SensorRejectsTable {
  id: Generated<string>;
  topic: string;
  code: string;
  reason: string;
  payload: string;
  received_at: Timestamp;
}

export interface ConnectorsTable {
  id: Generated<number>;
  code: string;
  name: string;
  url: string;
  method: string;
  schedule: unknown;
  headers: unknown;
  format: string;
  records_path: string | null;
  mapping: unknown;
  cursor_field: string | null;
  cursor_param: string | null;
  cursor_value: string | null;
  allow_partial: boolean;
  max_attempts: number;
  timeout_ms: number;
  is_active: Generated<boolean>;
  next_run_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ConnectorRunsTable {
  id: Generated<string>;
  connector_id: number;
  trigger: string;
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  attempts: Generated<number>;
  rows_fetched: Generated<number>;
  rows_stored: Generated<number>;
  rows_unchanged: Generated<number>;
  rows_rejected: Generated<number>;
  errors: unknown;
  message: string | null;
  cursor_before: string | null;
  cursor_after: string | null;
}

// Live operations (events, incidents, SOPs, live log).
export interface EventGroupsTable {
  id: Generated<string>;
  source: string;
  type: string;
  category: string;
  severity: string;
  title: string;
  unit_id: number | null;
  lon: number | null;
  lat: number | null;
  camera_code: string | null;
  sensor_code: string | null;
  first_at: Timestamp;
  last_at: Timestamp;
  event_count: Generated<number>;
  incident_id: string | null;
}

export interface EventsTable {
  id: Generated<string>;
  source: string;
  source_id: string;
  type: string;
  category: string;
  severity: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  title: string;
  description: string | null;
  location: unknown | null;
  lon: number | null;
  lat: number | null;
  unit_id: number | null;
  camera_code: string | null;
  sensor_code: string | null;
  payload: unknown | null;
  group_id: string;
  received_by: string;
}

export interface IncidentsTable {
  id: Generated<string>;
  type: string;
  category: string;
  severity: string;
  title: string;
  description: string | null;
  status: Generated<string>;
  unit_id: number | null;
  lon: number | null;
  lat: number | null;
  assigned_organisation_id: number | null;
  assigned_person_id: number | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  ack_due_at: Timestamp | null;
  resolve_due_at: Timestamp | null;
}

export interface IncidentTimelineTable {
  id: Generated<string>;
  incident_id: string;
  at: Timestamp;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: unknown | null;
}

export interface IncidentAttachmentsTable {
  id: Generated<string>;
  incident_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_name: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface IncidentPoliciesTable {
  incident_type: string;
  severity: string;
  ack_minutes: number;
  resolve_minutes: number;
  auto_create: boolean;
  supervisor_person_code: string | null;
  leader_person_code: string | null;
}

export interface IncidentEscalationsTable {
  incident_id: string;
  sla: 'ack' | 'resolve';
  level: number;
  at: Timestamp;
}

export interface SopStepsTable {
  incident_type: string;
  position: number;
  title: string;
  responsible: string;
  due_minutes: number;
}

export interface IncidentSopStepsTable {
  id: Generated<string>;
  incident_id: string;
  position: number;
  title: string;
  responsible: string;
  due_at: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface LiveLogTable {
  id: Generated<string>;
  topic: string;
  data: unknown;
  permission: string;
  unit_id: number | null;
  created_at: Generated<Timestamp>;
}

export interface CamerasTable {
  id: Generated<number>;
  code: string;
  name: string;
  type: string;
  lon: number;
  lat: number;
  unit_id: number | null;
  owner_organisation_id: number | null;
  stream_url: string;
  status: Generated<string>;
  status_checked_at: Timestamp | null;
  status_changed_at: Timestamp | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PublicAlertsTable {
  id: Generated<string>;
  state: string;
  event: string;
  cap_category: string;
  urgency: string;
  severity: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  headline_en: string | null;
  description_en: string | null;
  instruction_en: string | null;
  area_desc: string;
  unit_codes: unknown;
  area: unknown;
  effective: Timestamp;
  expires: Timestamp;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicAlertMessagesTable {
  id: Generated<string>;
  alert_id: string;
  identifier: string;
  msg_type: string;
  sent: Timestamp;
  headline: string;
  xml: string;
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
  budget_records: BudgetRecordsTable;
  budget_estimates: BudgetEstimatesTable;
  investment_projects: InvestmentProjectsTable;
  investment_plans: InvestmentPlansTable;
  investment_disbursements: InvestmentDisbursementsTable;
  record_revisions: RecordRevisionsTable;
  investment_target_paths: InvestmentTargetPathsTable;
  figure_queue: FigureQueueTable;
  dossiers: DossiersTable;
  dossier_revisions: DossierRevisionsTable;
  dossier_pull_runs: DossierPullRunsTable;
  dossier_warnings: DossierWarningsTable;
  service_satisfaction: ServiceSatisfactionTable;
  case_categories: CaseCategoriesTable;
  case_code_counters: CaseCodeCountersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_photos: CasePhotosTable;
  sensors: SensorsTable;
  sensor_readings: SensorReadingsTable;
  sensor_rollups: SensorRollupsTable;
  sensor_alerts: SensorAlertsTable;
  sensor_reading_state: SensorReadingStateTable;
  sensor_rejects: SensorRejectsTable;
  connectors: ConnectorsTable;
  connector_runs: ConnectorRunsTable;
  event_groups: EventGroupsTable;
  events: EventsTable;
  incidents: IncidentsTable;
  incident_timeline: IncidentTimelineTable;
  incident_attachments: IncidentAttachmentsTable;
  incident_policies: IncidentPoliciesTable;
  incident_escalations: IncidentEscalationsTable;
  sop_steps: SopStepsTable;
  incident_sop_steps: IncidentSopStepsTable;
  live_log: LiveLogTable;
  cameras: CamerasTable;
  public_alerts: PublicAlertsTable;
  public_alert_messages: PublicAlertMessagesTable;
  data_sets: DataSetsTable;
  submissions: SubmissionsTable;
  submission_values: SubmissionValuesTable;
  data_receipts: DataReceiptsTable;
  data_supply_reminders: DataSupplyRemindersTable;
}
