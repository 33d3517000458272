-- 766 publicity is measured from when the one-stop system published a dossier on the national
-- public-service portal (within DOSSIER_PUBLISH_HOURS of reception counts as on time), which the
-- records now carry, instead of a yes/no flag that said neither when nor whether on time. Earlier
-- records did not say when: they count as not published on time until the source sends them again.
ALTER TABLE dossiers ADD COLUMN published_at timestamptz;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_published_after_received
  CHECK (published_at IS NULL OR published_at >= received_at);
ALTER TABLE dossiers DROP COLUMN published;

-- Recount the months whose publication figures change (publication counts for dossiers received
-- in the month, in Vietnam time).
INSERT INTO dossier_figure_queue (month)
SELECT DISTINCT to_char((received_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM') FROM dossiers
ON CONFLICT (month) DO UPDATE SET generation = nextval('dossier_figure_generation');
