-- Citizen reports (phản ánh, kiến nghị, the 1022 hotline): one case model for every channel,
-- configurable categories, the workflow's history, photos, and per-year case numbers.
-- Nothing is ever deleted: a case is closed or merged into its survivor.

CREATE TABLE case_categories (
  id              serial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  name_en         text NOT NULL,
  -- Words and phrases (any case, with or without diacritics) that suggest this category.
  keywords        text[] NOT NULL DEFAULT '{}',
  -- 'unit': the people's committee of the case's unit handles it; 'organisation': the default agency.
  route_to        text NOT NULL DEFAULT 'unit' CHECK (route_to IN ('unit', 'organisation')),
  default_organisation_code text,
  deadline_hours  integer NOT NULL CHECK (deadline_hours > 0),
  is_active       boolean NOT NULL DEFAULT true,
  sort            integer NOT NULL DEFAULT 0
);

INSERT INTO case_categories (code, name, name_en, keywords, route_to, default_organisation_code, deadline_hours, sort) VALUES
  ('roads', 'Giao thông, đường sá', 'Roads and traffic',
   ARRAY['ổ gà', 'ổ voi', 'đường hư', 'hư hỏng mặt đường', 'sụt lún', 'lún', 'nứt', 'đường', 'cầu', 'cống', 'vỉa hè', 'biển báo', 'đèn giao thông', 'tắc đường', 'kẹt xe', 'ngập đường'],
   'organisation', 'SO_GTVT', 240, 1),
  ('lighting', 'Chiếu sáng công cộng', 'Street lighting',
   ARRAY['đèn đường', 'đèn chiếu sáng', 'bóng đèn', 'đèn hỏng', 'đèn không sáng', 'tối om', 'chiếu sáng', 'trụ đèn'],
   'unit', NULL, 120, 2),
  ('water', 'Cấp thoát nước, ngập úng', 'Water supply, drainage, flooding',
   ARRAY['mất nước', 'nước sạch', 'nước đục', 'nước máy', 'vỡ ống', 'đường ống', 'ngập', 'ngập úng', 'ngập nước', 'thoát nước', 'cống nghẹt', 'nước thải', 'lũ'],
   'organisation', 'SO_XD', 120, 3),
  ('waste', 'Rác thải, vệ sinh', 'Waste and sanitation',
   ARRAY['rác', 'rác thải', 'thu gom rác', 'bãi rác', 'xả rác', 'đổ trộm', 'hôi thối', 'xác động vật', 'vệ sinh'],
   'unit', NULL, 72, 4),
  ('environment', 'Môi trường, ô nhiễm', 'Environment and pollution',
   ARRAY['ô nhiễm', 'khói', 'bụi', 'tiếng ồn', 'mùi', 'xả thải', 'chặt cây', 'phá rừng', 'cháy rừng', 'khai thác cát', 'đốt rác'],
   'organisation', 'SO_TNMT', 240, 5),
  ('land', 'Đất đai, xây dựng', 'Land and construction',
   ARRAY['đất', 'lấn chiếm', 'xây dựng trái phép', 'xây dựng không phép', 'tranh chấp', 'sổ đỏ', 'giấy chứng nhận', 'quy hoạch', 'giải tỏa', 'đền bù', 'bồi thường'],
   'unit', NULL, 360, 6),
  ('public_services', 'Thủ tục hành chính, dịch vụ công', 'Administrative procedures, public services',
   ARRAY['thủ tục', 'hồ sơ', 'trễ hẹn', 'chậm trễ', 'một cửa', 'dịch vụ công', 'cán bộ', 'thái độ', 'gây khó khăn', 'giấy tờ', 'chứng thực', 'hộ khẩu'],
   'organisation', 'VP_UBND', 240, 7),
  ('security', 'An ninh, trật tự', 'Security and public order',
   ARRAY['trộm', 'cướp', 'đánh nhau', 'gây rối', 'mất trật tự', 'cờ bạc', 'ma túy', 'tụ tập', 'đua xe', 'karaoke', 'hát karaoke'],
   'organisation', 'CA_TINH', 72, 8),
  ('other', 'Khác', 'Other', ARRAY[]::text[], 'unit', NULL, 240, 99);

CREATE TABLE case_code_counters (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE cases (
  id              bigserial PRIMARY KEY,
  -- Human-readable, e.g. PA-2025-000123.
  code            text NOT NULL UNIQUE,
  channel         text NOT NULL CHECK (channel IN ('phone', 'web', 'app', 'zalo', 'facebook', 'email', 'chatbot', 'open311')),
  status          text NOT NULL CHECK (status IN ('received', 'forwarded', 'in_progress', 'returned', 'answered', 'closed', 'merged')),
  title           text NOT NULL,
  description     text NOT NULL,
  category_id     integer NOT NULL REFERENCES case_categories(id),
  unit_id         integer REFERENCES units(id),
  address         text,
  lon             double precision,
  lat             double precision,
  -- Personal data: shown only to roles with the right (see cases/case-view.ts).
  reporter_name   text,
  reporter_phone  text,
  reporter_email  text,
  is_confidential boolean NOT NULL DEFAULT false,
  -- The client's key for this submission (Idempotency-Key, or the channel's own message id):
  -- a retry returns the case already created.
  submission_key  text UNIQUE,
  organisation_id integer REFERENCES organisations(id),
  received_at     timestamptz NOT NULL,
  forwarded_at    timestamptz,
  due_at          timestamptz,
  reminded_at     timestamptz,
  escalated_at    timestamptz,
  answered_at     timestamptz,
  closed_at       timestamptz,
  answer          text,
  -- Whether the answer was given late (set when answered).
  is_late         boolean,
  rating          integer CHECK (rating BETWEEN 1 AND 5),
  rated_at        timestamptz,
  reopen_count    integer NOT NULL DEFAULT 0,
  -- SHA-256 of the citizen's private link token (follow, rate, reopen without an account).
  citizen_token_hash text NOT NULL,
  is_published    boolean NOT NULL DEFAULT false,
  public_summary  text,
  public_answer   text,
  published_at    timestamptz,
  merged_into_id  bigint REFERENCES cases(id),
  updated_at      timestamptz NOT NULL
);
CREATE INDEX cases_received ON cases (received_at DESC, id DESC);
-- Lists are pages of the newest cases under a filter: each index keeps that order.
CREATE INDEX cases_status ON cases (status, received_at DESC, id DESC);
CREATE INDEX cases_category ON cases (category_id, received_at DESC, id DESC);
CREATE INDEX cases_organisation ON cases (organisation_id, received_at DESC, id DESC);
CREATE INDEX cases_unit ON cases (unit_id, received_at DESC, id DESC);
CREATE INDEX cases_due ON cases (due_at) WHERE status IN ('forwarded', 'in_progress');
CREATE INDEX cases_published ON cases (published_at DESC) WHERE is_published;

-- The workflow history of a case: who did what, when, from which status to which.
CREATE TABLE case_events (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES cases(id),
  action      text NOT NULL,
  actor       text NOT NULL,
  from_status text,
  to_status   text,
  note        text,
  organisation_id integer REFERENCES organisations(id),
  at          timestamptz NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_photos (
  id          bigserial PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES cases(id),
  -- File name in the data folder (content hash + extension), or a remote URL (Open311 media_url).
  file        text,
  url         text,
  mime        text NOT NULL,
  bytes       integer NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX case_photos_case ON case_photos (case_id);
