-- The explanation thread (giải trình) of an indicator for a unit and period: the responsible unit
-- explains a shortfall, leaders and analysts comment. Each entry keeps the value it refers to.
CREATE TABLE explanations (
  id             bigserial PRIMARY KEY,
  indicator_code text NOT NULL REFERENCES indicators(code),
  unit_id        integer NOT NULL REFERENCES units(id),
  period         text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('explanation', 'comment')),
  body           text NOT NULL,
  value          double precision,
  level          text NOT NULL,
  author_id      integer NOT NULL REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX explanations_subject ON explanations (indicator_code, unit_id, period);
