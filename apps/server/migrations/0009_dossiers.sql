-- Administrative dossiers (hồ sơ TTHC) taken in from the province's one-stop system, their
-- superseded versions, the months whose figures must be recomputed, the pull runs, deadline
-- warnings, and satisfaction ratings for the 766 index.

CREATE TABLE dossiers (
  id                bigserial PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  procedure_code    text NOT NULL,
  procedure_name    text NOT NULL,
  field_code        text NOT NULL,
  field_name        text NOT NULL,
  -- The receiving agency as the one-stop system names it (a department, a district or commune
  -- people's committee); it matches organisations.code when the agency is in the catalogue.
  agency_code       text NOT NULL,
  agency_name       text NOT NULL,
  unit_id           integer NOT NULL REFERENCES units(id),
  handler           text,
  channel           text NOT NULL CHECK (channel IN ('online', 'direct', 'post')),
  received_at       timestamptz NOT NULL,
  due_at            timestamptz,
  finished_at       timestamptz,
  status            text NOT NULL,
  has_fee           boolean NOT NULL DEFAULT false,
  paid_online       boolean NOT NULL DEFAULT false,
  digitised         boolean NOT NULL DEFAULT false,
  -- Progress synchronised to and published on the national public-service portal (766: publicity).
  published         boolean NOT NULL DEFAULT false,
  -- Timeline: [{kind, at, agency?, handler?, note?}] in time order.
  steps             jsonb NOT NULL DEFAULT '[]',
  -- When the one-stop system last changed the record (the pull cursor).
  source_updated_at timestamptz,
  source            text,
  revision          integer NOT NULL DEFAULT 1,
  updated_by        text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (due_at IS NULL OR due_at >= received_at),
  CHECK (finished_at IS NULL OR finished_at >= received_at)
);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_finished ON dossiers (finished_at);
CREATE INDEX dossiers_unit_received ON dossiers (unit_id, received_at);
CREATE INDEX dossiers_open_due ON dossiers (due_at) WHERE finished_at IS NULL;

-- Superseded versions (append-only): a re-import that changes a dossier moves the earlier
-- version here, whole, so the history of a record is these rows plus the current one.
CREATE TABLE dossier_revisions (
  dossier_id bigint NOT NULL REFERENCES dossiers(id),
  revision   integer NOT NULL,
  record     jsonb NOT NULL,
  changed_by text,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, revision)
);

-- Months whose dossier figures are stale; written in the same transaction as the dossiers.
-- Re-queueing takes a new generation, so the refresher removes a month only if nobody re-queued
-- it while it was being computed.
CREATE SEQUENCE dossier_figure_generation;
CREATE TABLE dossier_figure_queue (
  month      text PRIMARY KEY,
  generation bigint NOT NULL DEFAULT nextval('dossier_figure_generation')
);

-- One row per scheduled pull from the one-stop system's API.
CREATE TABLE dossier_pull_runs (
  id          bigserial PRIMARY KEY,
  source      text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  cursor_from timestamptz,
  cursor_to   timestamptz,
  fetched     integer NOT NULL DEFAULT 0,
  inserted    integer NOT NULL DEFAULT 0,
  updated     integer NOT NULL DEFAULT 0,
  unchanged   integer NOT NULL DEFAULT 0,
  rejected    integer NOT NULL DEFAULT 0,
  status      text NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  error       text
);
CREATE INDEX dossier_pull_runs_source ON dossier_pull_runs (source, id);

-- One deadline warning per dossier and deadline (a new due time warns again).
CREATE TABLE dossier_warnings (
  dossier_id bigint NOT NULL REFERENCES dossiers(id),
  due_at     timestamptz NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  recipients jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_id, due_at)
);
CREATE INDEX dossier_warnings_created ON dossier_warnings (created_at);

-- Satisfaction ratings of citizens and businesses per agency, unit and month (766 index).
CREATE TABLE service_satisfaction (
  agency_code text NOT NULL,
  unit_id     integer NOT NULL REFERENCES units(id),
  month       text NOT NULL,
  ratings     integer NOT NULL CHECK (ratings >= 0),
  satisfied   integer NOT NULL CHECK (satisfied >= 0 AND satisfied <= ratings),
  source      text,
  updated_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_code, unit_id, month)
);
