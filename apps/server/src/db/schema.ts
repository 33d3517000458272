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
}
