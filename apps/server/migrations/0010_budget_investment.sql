-- Budget revenue and spending (thu, chi ngân sách) and public investment (đầu tư công) as the
-- records behind every figure: each record is keyed by its source's identifier so the same record
-- sent twice is stored once; a correction raises `revision` and keeps the earlier version in
-- record_revisions. Amounts are in đồng.

CREATE TABLE budget_records (
  key             text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('revenue', 'expenditure')),
  item_code       text NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  unit_id         integer NOT NULL REFERENCES units(id),
  date            date NOT NULL,
  amount          double precision NOT NULL,
  description     text,
  revision        integer NOT NULL DEFAULT 1,
  updated_by      text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_records_kind_date ON budget_records (kind, date);

-- The annual estimate (dự toán) per item, organisation and unit; key = year|kind|item|organisation|unit.
CREATE TABLE budget_estimates (
  key             text PRIMARY KEY,
  year            integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('revenue', 'expenditure')),
  item_code       text NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  unit_id         integer NOT NULL REFERENCES units(id),
  amount          double precision NOT NULL,
  revision        integer NOT NULL DEFAULT 1,
  updated_by      text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX budget_estimates_year ON budget_estimates (year, kind);

-- key = the project code.
CREATE TABLE investment_projects (
  key               text PRIMARY KEY,
  name              text NOT NULL,
  investor_id       integer NOT NULL REFERENCES organisations(id),
  department_id     integer NOT NULL REFERENCES organisations(id),
  unit_id           integer NOT NULL REFERENCES units(id),
  project_group     text NOT NULL CHECK (project_group IN ('A', 'B', 'C')),
  responsible_name  text NOT NULL,
  responsible_title text,
  responsible_phone text,
  start_date        date NOT NULL,
  end_date          date NOT NULL,
  completed_on      date,
  revision          integer NOT NULL DEFAULT 1,
  updated_by        text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Capital plan of a project for a year from one source; key = project|year|source. A plan
-- revision (điều chỉnh kế hoạch vốn) is a new revision of the same key.
CREATE TABLE investment_plans (
  key         text PRIMARY KEY,
  project_key text NOT NULL REFERENCES investment_projects(key),
  year        integer NOT NULL,
  source      text NOT NULL,
  amount      double precision NOT NULL,
  decision    text,
  revision    integer NOT NULL DEFAULT 1,
  updated_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_plans_year ON investment_plans (year, project_key);

-- A disbursement (giải ngân) with the treasury's voucher identifier as key.
CREATE TABLE investment_disbursements (
  key         text PRIMARY KEY,
  project_key text NOT NULL REFERENCES investment_projects(key),
  date        date NOT NULL,
  amount      double precision NOT NULL,
  source      text NOT NULL,
  revision    integer NOT NULL DEFAULT 1,
  updated_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_disbursements_date ON investment_disbursements (date, project_key);
CREATE INDEX investment_disbursements_project ON investment_disbursements (project_key, date);

-- Superseded versions of the records above (append-only).
CREATE TABLE record_revisions (
  entity     text NOT NULL,
  key        text NOT NULL,
  revision   integer NOT NULL,
  data       jsonb NOT NULL,
  changed_by text,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (entity, key, revision)
);

-- The province's target path of disbursement through a year: by `day` (MM-DD), `percent` of the plan.
-- A year without its own path follows the latest earlier year's; the path of 2000 is the default
-- (month by month to 30/6 ≥ 40 %, 30/9 ≥ 65 %, 31/12 ≥ 95 %) until the province sets its own.
CREATE TABLE investment_target_paths (
  year    integer NOT NULL,
  day     text NOT NULL CHECK (day ~ '^[0-1][0-9]-[0-3][0-9]$'),
  percent double precision NOT NULL CHECK (percent >= 0 AND percent <= 100),
  PRIMARY KEY (year, day)
);
INSERT INTO investment_target_paths (year, day, percent) VALUES
  (2000, '01-31', 3), (2000, '02-28', 7), (2000, '03-31', 13), (2000, '04-30', 20),
  (2000, '05-31', 29), (2000, '06-30', 40), (2000, '07-31', 48), (2000, '08-31', 56),
  (2000, '09-30', 65), (2000, '10-31', 74), (2000, '11-30', 84), (2000, '12-31', 95);

-- (scope, year) pairs whose warehouse figures must be recomputed from the records; written in
-- the same transaction as the records, so no accepted record is left out of the figures.
CREATE SEQUENCE finance_figure_generation;
CREATE TABLE finance_figure_queue (
  scope      text NOT NULL CHECK (scope IN ('budget', 'investment')),
  year       integer NOT NULL,
  generation bigint NOT NULL DEFAULT nextval('finance_figure_generation'),
  PRIMARY KEY (scope, year)
);
