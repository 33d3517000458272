-- The revision history is kept by the database: every update of an observation moves the version
-- it replaces into observation_revisions, whatever statement makes it. The write path no longer
-- looks each row up before its upsert to find the versions about to change (one index probe per
-- written row, about a sixth of a bulk write's time), and no update can bypass the history.
CREATE FUNCTION archive_superseded_observations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO observation_revisions (observation_id, revision, value, status, source, comment, changed_by, changed_at)
  SELECT id, revision, value, status, source, comment, updated_by, updated_at FROM superseded;
  RETURN NULL;
END
$$;

CREATE TRIGGER observations_keep_revisions
  AFTER UPDATE ON observations
  REFERENCING OLD TABLE AS superseded
  FOR EACH STATEMENT EXECUTE FUNCTION archive_superseded_observations();
