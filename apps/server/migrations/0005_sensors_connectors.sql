-- Sensors over MQTT: the registry, every reading (idempotent by message id), hourly and daily
-- roll-ups per sensor, threshold alerts, and messages refused with their reason.
CREATE TABLE sensors (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('air_quality', 'water_level', 'rainfall', 'noise', 'weather', 'other')),
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  unit_id     integer NOT NULL REFERENCES units(id),
  -- [{name, label, uom, indicatorCode?, statistic, thresholds: [{level, above?, below?}]}]
  readings    jsonb NOT NULL,
  is_active   boolean NOT NULL DEFAULT true,
  last_seen_at timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sensor_readings (
  sensor_id   integer NOT NULL REFERENCES sensors(id),
  message_id  text NOT NULL,
  reading     text NOT NULL,
  observed_at timestamptz NOT NULL,
  value       double precision NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sensor_id, message_id, reading)
);
-- Screens read the roll-ups, not the raw readings, so readings carry no time index (faster ingest).

-- bucket 'hour' or 'day' (local time, UTC+7); mean = sum / count. `fed` is false while a day's
-- figure has changed since it was last written to the indicator warehouse.
CREATE TABLE sensor_rollups (
  sensor_id   integer NOT NULL REFERENCES sensors(id),
  reading     text NOT NULL,
  bucket      text NOT NULL CHECK (bucket IN ('hour', 'day')),
  start_at    timestamptz NOT NULL,
  count       integer NOT NULL,
  sum         double precision NOT NULL,
  min         double precision NOT NULL,
  max         double precision NOT NULL,
  fed         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (sensor_id, reading, bucket, start_at)
);
CREATE INDEX sensor_rollups_unfed ON sensor_rollups (bucket) WHERE NOT fed;

CREATE TABLE sensor_alerts (
  id          bigserial PRIMARY KEY,
  sensor_id   integer NOT NULL REFERENCES sensors(id),
  reading     text NOT NULL,
  message_id  text NOT NULL,
  level       text NOT NULL,
  value       double precision NOT NULL,
  threshold   double precision NOT NULL,
  direction   text NOT NULL CHECK (direction IN ('above', 'below')),
  observed_at timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- Set once the event callback and notifications have taken it (delivered at least once).
  delivered_at timestamptz,
  UNIQUE (sensor_id, message_id, reading)
);
CREATE INDEX sensor_alerts_recent ON sensor_alerts (observed_at DESC);
CREATE INDEX sensor_alerts_undelivered ON sensor_alerts (id) WHERE delivered_at IS NULL;

-- The current alert level of each reading, so a warning is raised when a threshold is crossed,
-- not for every reading that stays above it.
CREATE TABLE sensor_reading_state (
  sensor_id   integer NOT NULL REFERENCES sensors(id),
  reading     text NOT NULL,
  value       double precision NOT NULL,
  level       text,
  observed_at timestamptz NOT NULL,
  PRIMARY KEY (sensor_id, reading)
);

CREATE TABLE sensor_rejects (
  id          bigserial PRIMARY KEY,
  topic       text NOT NULL,
  code        text NOT NULL,
  reason      text NOT NULL,
  payload     text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Automatic pulls from other systems' HTTP APIs.
CREATE TABLE connectors (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  url             text NOT NULL,
  method          text NOT NULL CHECK (method IN ('GET', 'POST')),
  schedule        jsonb NOT NULL,
  -- Secret: never returned in full by the API.
  headers         jsonb NOT NULL DEFAULT '{}',
  format          text NOT NULL CHECK (format IN ('json', 'csv')),
  records_path    text,
  mapping         jsonb NOT NULL,
  cursor_field    text,
  cursor_param    text,
  cursor_value    text,
  allow_partial   boolean NOT NULL DEFAULT false,
  max_attempts    integer NOT NULL DEFAULT 3,
  timeout_ms      integer NOT NULL DEFAULT 30000,
  is_active       boolean NOT NULL DEFAULT true,
  next_run_at     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connector_runs (
  id              bigserial PRIMARY KEY,
  connector_id    integer NOT NULL REFERENCES connectors(id),
  trigger         text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status          text NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  rows_fetched    integer NOT NULL DEFAULT 0,
  rows_stored     integer NOT NULL DEFAULT 0,
  rows_unchanged  integer NOT NULL DEFAULT 0,
  rows_rejected   integer NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]',
  message         text,
  cursor_before   text,
  cursor_after    text
);
CREATE INDEX connector_runs_recent ON connector_runs (connector_id, started_at DESC);
