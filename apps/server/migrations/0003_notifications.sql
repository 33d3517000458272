-- Notifications: in-app messages to users, and an outbox of e-mails and webhook calls that a
-- worker delivers at least once, with retries, each delivery independent of the others.

ALTER TABLE users ADD COLUMN person_id integer REFERENCES people (id);

CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);

CREATE TABLE webhook_subscriptions (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  url text NOT NULL,
  secret text,
  -- Kind prefixes this receiver wants (e.g. 'incident.'); empty = every kind.
  kinds text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deliveries (
  id bigserial PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
  -- An e-mail address, or a webhook subscription code.
  target text NOT NULL,
  kind text NOT NULL,
  dedupe_key text,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE UNIQUE INDEX deliveries_dedupe ON deliveries (channel, target, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
