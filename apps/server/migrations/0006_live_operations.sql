-- Live operations: events from every source (deduplicated by source and source id, bursts grouped),
-- incidents with their timeline, SLA policies and escalations, standard operating procedures,
-- attachments, and the durable log of live messages that reconnecting screens replay.

CREATE TABLE event_groups (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  type text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  title text NOT NULL,
  unit_id integer REFERENCES units (id),
  lon double precision,
  lat double precision,
  camera_code text,
  sensor_code text,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  event_count integer NOT NULL DEFAULT 1,
  incident_id bigint
);
CREATE INDEX event_groups_recent ON event_groups (type, source, last_at DESC);
CREATE INDEX event_groups_last ON event_groups (last_at DESC);

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  source_id text NOT NULL,
  type text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  title text NOT NULL,
  description text,
  location jsonb,
  lon double precision,
  lat double precision,
  unit_id integer REFERENCES units (id),
  camera_code text,
  sensor_code text,
  payload jsonb,
  group_id bigint NOT NULL REFERENCES event_groups (id),
  received_by text NOT NULL
);
CREATE UNIQUE INDEX events_source_id ON events (source, source_id);
CREATE INDEX events_group ON events (group_id);

CREATE TABLE incidents (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  category text NOT NULL,
  severity text NOT NULL,
  title text NOT NULL,
  description text,
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'closed')),
  unit_id integer REFERENCES units (id),
  lon double precision,
  lat double precision,
  assigned_organisation_id integer REFERENCES organisations (id),
  assigned_person_id integer REFERENCES people (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  ack_due_at timestamptz,
  resolve_due_at timestamptz
);
CREATE INDEX incidents_status ON incidents (status, created_at DESC);
ALTER TABLE event_groups ADD CONSTRAINT event_groups_incident FOREIGN KEY (incident_id) REFERENCES incidents (id);

-- Every step of an incident: who, when, what (status changes, comments, attachments, SOP ticks, escalations).
CREATE TABLE incident_timeline (
  id bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text,
  note text,
  data jsonb
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, id);

CREATE TABLE incident_attachments (
  id bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  storage_name text NOT NULL UNIQUE,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX incident_attachments_incident ON incident_attachments (incident_id);

-- SLA and auto-creation per incident type ('*' = any type) and severity.
CREATE TABLE incident_policies (
  incident_type text NOT NULL,
  severity text NOT NULL,
  ack_minutes integer NOT NULL CHECK (ack_minutes > 0),
  resolve_minutes integer NOT NULL CHECK (resolve_minutes > 0),
  -- An event of this type and severity opens an incident by itself.
  auto_create boolean NOT NULL DEFAULT false,
  supervisor_person_code text,
  leader_person_code text,
  PRIMARY KEY (incident_type, severity)
);

-- Escalations sent: one per incident, SLA (ack/resolve) and level (1 supervisor, 2 leader).
CREATE TABLE incident_escalations (
  incident_id bigint NOT NULL REFERENCES incidents (id),
  sla text NOT NULL CHECK (sla IN ('ack', 'resolve')),
  level integer NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, sla, level)
);

-- Standard operating procedures: the checklist of each incident type.
CREATE TABLE sop_steps (
  incident_type text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  responsible text NOT NULL,
  due_minutes integer NOT NULL CHECK (due_minutes > 0),
  PRIMARY KEY (incident_type, position)
);

CREATE TABLE incident_sop_steps (
  id bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id),
  position integer NOT NULL,
  title text NOT NULL,
  responsible text NOT NULL,
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  done_by text,
  UNIQUE (incident_id, position)
);

-- Live messages with durable, increasing ids, so a screen that reconnects gets what it missed.
CREATE TABLE live_log (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  data jsonb NOT NULL,
  -- Who may receive it: holders of the permission whose scope covers the unit (null = province-wide only).
  permission text NOT NULL,
  unit_id integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_log_created ON live_log (created_at);

-- Default SLA for any type: the more severe, the sooner; severe and extreme events open an incident by themselves.
INSERT INTO incident_policies (incident_type, severity, ack_minutes, resolve_minutes, auto_create) VALUES
  ('*', 'info', 120, 4320, false),
  ('*', 'minor', 60, 1440, false),
  ('*', 'moderate', 30, 480, false),
  ('*', 'severe', 10, 240, true),
  ('*', 'extreme', 5, 120, true);
