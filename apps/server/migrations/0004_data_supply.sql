-- Data supply: what each organisation must supply (data sets), the files and forms it sends
-- (submissions with their staged values and validation report), approval, and reminders.

CREATE TABLE data_sets (
  id                   serial PRIMARY KEY,
  code                 text NOT NULL UNIQUE,
  name                 text NOT NULL,
  name_en              text,
  organisation_id      integer NOT NULL REFERENCES organisations (id),
  indicator_codes      jsonb NOT NULL,
  -- {"codes": [...]} or {"parentCode": "...", "level": "commune" | "district"}
  unit_selection       jsonb NOT NULL,
  frequency            text NOT NULL CHECK (frequency IN ('day', 'month', 'quarter', 'year')),
  -- {"daysAfterEnd": 5, "time": "17:00"} (Vietnam time)
  deadline_rule        jsonb NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('file', 'form', 'api')),
  allow_partial        boolean NOT NULL DEFAULT false,
  responsible_person_codes jsonb NOT NULL DEFAULT '[]',
  approver_person_code text,
  rules                jsonb NOT NULL DEFAULT '[]',
  remind_before_hours  integer NOT NULL DEFAULT 24,
  is_active            boolean NOT NULL DEFAULT true,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- One upload or form entry for a data set and period. The file is kept until processed so an
-- acknowledged upload survives a restart; processing stores values and report in one transaction.
CREATE TABLE submissions (
  id              bigserial PRIMARY KEY,
  data_set_id     integer NOT NULL REFERENCES data_sets (id),
  period          text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('file', 'form')),
  file_name       text,
  file_format     text CHECK (file_format IN ('xlsx', 'csv')),
  content_hash    text NOT NULL,
  file            bytea,
  status          text NOT NULL CHECK (status IN ('queued', 'processing', 'failed', 'draft', 'submitted', 'rejected', 'published')),
  rows_total      integer NOT NULL DEFAULT 0,
  rows_processed  integer NOT NULL DEFAULT 0,
  rows_valid      integer NOT NULL DEFAULT 0,
  error_count     integer NOT NULL DEFAULT 0,
  warning_count   integer NOT NULL DEFAULT 0,
  -- The first findings of the validation report (errors and warnings), row by row.
  report          jsonb NOT NULL DEFAULT '[]',
  failure         text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  submitted_by    text,
  submitted_at    timestamptz,
  decided_by      text,
  decided_at      timestamptz,
  reject_reason   text
);
-- The same file for the same data set and period is stored once.
CREATE UNIQUE INDEX submissions_content ON submissions (data_set_id, period, content_hash);
CREATE INDEX submissions_status ON submissions (status);

-- Valid values of a submission, staged until it is published into observations.
CREATE TABLE submission_values (
  submission_id  bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  unit_id        integer NOT NULL REFERENCES units (id),
  indicator_code text NOT NULL,
  value          double precision NOT NULL,
  PRIMARY KEY (submission_id, indicator_code, unit_id)
);

-- When a unit's data for a data set and period arrived (file, form, or recorded by another
-- channel); completeness takes the earliest of these and the observations' own times.
CREATE TABLE data_receipts (
  data_set_id  integer NOT NULL REFERENCES data_sets (id),
  unit_id      integer NOT NULL REFERENCES units (id),
  period       text NOT NULL,
  received_at  timestamptz NOT NULL,
  channel      text NOT NULL,
  PRIMARY KEY (data_set_id, unit_id, period)
);

-- Reminders sent, one per data set, period, person and stage.
CREATE TABLE data_supply_reminders (
  data_set_id  integer NOT NULL REFERENCES data_sets (id),
  period       text NOT NULL,
  person_code  text NOT NULL,
  stage        text NOT NULL CHECK (stage IN ('before', 'after')),
  sent_at      timestamptz NOT NULL,
  PRIMARY KEY (data_set_id, period, person_code, stage)
);
