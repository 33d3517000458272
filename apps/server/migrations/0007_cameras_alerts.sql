-- Cameras (registry and health) and public early-warning alerts published as CAP 1.2.

CREATE TABLE cameras (
  id                    serial PRIMARY KEY,
  code                  text NOT NULL UNIQUE,
  name                  text NOT NULL,
  type                  text NOT NULL CHECK (type IN ('security', 'traffic')),
  lon                   double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat                   double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  -- Derived from the location (boundary containing it, else the nearest commune centroid).
  unit_id               integer REFERENCES units(id),
  owner_organisation_id integer REFERENCES organisations(id),
  stream_url            text NOT NULL,
  status                text NOT NULL DEFAULT 'unknown' CHECK (status IN ('online', 'offline', 'unknown')),
  status_checked_at     timestamptz,
  status_changed_at     timestamptz,
  updated_by            text,
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cameras_unit ON cameras (unit_id);
CREATE INDEX cameras_lat_lon ON cameras (lat, lon);

-- One row per public alert: its current content and whether it was cancelled.
CREATE TABLE public_alerts (
  id             bigserial PRIMARY KEY,
  state          text NOT NULL CHECK (state IN ('active', 'cancelled')),
  event          text NOT NULL,
  cap_category   text NOT NULL,
  urgency        text NOT NULL,
  severity       text NOT NULL,
  certainty      text NOT NULL,
  headline       text NOT NULL,
  description    text NOT NULL,
  instruction    text NOT NULL,
  headline_en    text,
  description_en text,
  instruction_en text,
  area_desc      text NOT NULL,
  unit_codes     jsonb NOT NULL,
  -- The area for maps, as a GeoJSON MultiPolygon (unit boundaries, circles around centroids, or the drawn polygon).
  area           jsonb NOT NULL,
  effective      timestamptz NOT NULL,
  expires        timestamptz NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (effective < expires)
);

-- Every CAP message issued for an alert (Alert, then Updates, then maybe a Cancel), kept as
-- published: a CAP message never changes once sent.
CREATE TABLE public_alert_messages (
  id         bigserial PRIMARY KEY,
  alert_id   bigint NOT NULL REFERENCES public_alerts(id),
  identifier text NOT NULL UNIQUE,
  msg_type   text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  sent       timestamptz NOT NULL,
  headline   text NOT NULL,
  xml        text NOT NULL
);
CREATE INDEX public_alert_messages_alert ON public_alert_messages (alert_id);
