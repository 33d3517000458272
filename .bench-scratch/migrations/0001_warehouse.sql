-- The indicator warehouse: administrative units, organisations, indicators, observations with
-- their revision history, targets, and the roll-up cache that dashboards read.

CREATE TABLE units (
  id           serial PRIMARY KEY,
  code         text NOT NULL,
  name         text NOT NULL,
  name_en      text,
  level        text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  parent_id    integer REFERENCES units(id),
  valid_from   date,
  valid_to     date,
  geometry     jsonb,
  -- true when the geometry is an official boundary; centroid-only units are drawn schematically
  has_boundary boolean NOT NULL DEFAULT false,
  centroid_lon double precision,
  centroid_lat double precision,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);
-- A GSO code is reused after a reorganisation (2025), so a code is unique only with its start date.
CREATE UNIQUE INDEX units_code_from ON units (code, coalesce(valid_from, '0001-01-01'::date));
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE unit_links (
  predecessor_id integer NOT NULL REFERENCES units(id),
  successor_id   integer NOT NULL REFERENCES units(id),
  -- Part of the predecessor that went into the successor: 1 for a full merge, null when a split's
  -- shares are not known (such history is then not converted).
  share          double precision CHECK (share > 0 AND share <= 1),
  kind           text NOT NULL CHECK (kind IN ('full', 'partial')),
  effective_date date NOT NULL,
  PRIMARY KEY (predecessor_id, successor_id)
);

CREATE TABLE organisations (
  id      serial PRIMARY KEY,
  code    text NOT NULL UNIQUE,
  name    text NOT NULL,
  name_en text,
  kind    text NOT NULL,
  unit_id integer REFERENCES units(id)
);

CREATE TABLE teams (
  id      serial PRIMARY KEY,
  code    text NOT NULL UNIQUE,
  name    text NOT NULL,
  name_en text,
  leader_person_code text
);

CREATE TABLE people (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  full_name       text NOT NULL,
  title           text,
  title_en        text,
  organisation_id integer REFERENCES organisations(id),
  email           text,
  phone           text
);

CREATE TABLE domains (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    integer NOT NULL DEFAULT 0
);

CREATE TABLE indicators (
  code                   text PRIMARY KEY,
  name                   text NOT NULL,
  name_en                text NOT NULL,
  domain_code            text NOT NULL REFERENCES domains(code),
  indicator_group        text NOT NULL,
  unit_of_measure        text NOT NULL,
  period_type            text NOT NULL,
  aggregation            text NOT NULL,
  time_aggregation       text NOT NULL,
  weight_indicator_code  text REFERENCES indicators(code),
  formula                text,
  decimals               integer NOT NULL DEFAULT 1,
  direction              text NOT NULL,
  thresholds             jsonb NOT NULL,
  owner_organisation_id  integer REFERENCES organisations(id),
  responsible_person_id  integer REFERENCES people(id),
  team_id                integer REFERENCES teams(id),
  source                 text NOT NULL,
  is_public              boolean NOT NULL DEFAULT false,
  description            text,
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicators_domain ON indicators (domain_code);

-- Current version of each observation.
CREATE TABLE observations (
  id              bigserial PRIMARY KEY,
  indicator_code  text NOT NULL REFERENCES indicators(code),
  unit_id         integer NOT NULL REFERENCES units(id),
  period          text NOT NULL,
  disaggregation  text NOT NULL DEFAULT '',
  value           double precision NOT NULL,
  status          text NOT NULL DEFAULT 'approved' CHECK (status IN ('draft', 'submitted', 'approved')),
  source          text,
  revision        integer NOT NULL DEFAULT 1,
  comment         text,
  updated_by      text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator_code, unit_id, period, disaggregation)
);

-- Superseded versions of observations: a correction moves the earlier version here (append-only),
-- so the full history of a value is these rows plus the current one.
CREATE TABLE observation_revisions (
  observation_id bigint NOT NULL REFERENCES observations(id),
  revision       integer NOT NULL,
  value          double precision NOT NULL,
  status         text NOT NULL,
  source         text,
  comment        text,
  changed_by     text,
  changed_at     timestamptz NOT NULL,
  PRIMARY KEY (observation_id, revision)
);

CREATE TABLE targets (
  indicator_code text NOT NULL REFERENCES indicators(code),
  unit_id        integer NOT NULL REFERENCES units(id),
  period         text NOT NULL,
  value          double precision,
  low            double precision,
  high           double precision,
  updated_by     text,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator_code, unit_id, period)
);

-- Roll-up cache: every (indicator, unit, period) the dashboards read, kept current by the
-- roll-up refresher from the approved observations (see rollup_queue).
CREATE TABLE rollup_values (
  indicator_code text NOT NULL,
  unit_id        integer NOT NULL,
  period         text NOT NULL,
  value          double precision NOT NULL,
  coverage       double precision NOT NULL,
  reported       boolean NOT NULL,
  PRIMARY KEY (indicator_code, period, unit_id)
);
CREATE INDEX rollup_values_unit ON rollup_values (indicator_code, unit_id, period);

-- (indicator, year) pairs whose roll-ups are stale; written in the same transaction as the data.
-- Re-queueing takes a new generation, so the refresher removes an entry only if nobody re-queued
-- it while it was being computed.
CREATE SEQUENCE rollup_generation;
CREATE TABLE rollup_queue (
  indicator_code text NOT NULL,
  year           integer NOT NULL,
  generation     bigint NOT NULL DEFAULT nextval('rollup_generation'),
  PRIMARY KEY (indicator_code, year)
);

CREATE TABLE users (
  id              serial PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  password_hash   text NOT NULL,
  role            text NOT NULL,
  organisation_id integer REFERENCES organisations(id),
  scope_unit_id   integer REFERENCES units(id),
  is_active       boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  prefix     text NOT NULL UNIQUE,
  key_hash   text NOT NULL,
  user_id    integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  entity     text NOT NULL,
  entity_key text NOT NULL,
  before     jsonb,
  after      jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_key);

-- Responses to writes sent with an Idempotency-Key, so a retry gets the same answer.
CREATE TABLE idempotency_keys (
  key          text PRIMARY KEY,
  actor        text NOT NULL,
  request_hash text NOT NULL,
  status_code  integer NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
