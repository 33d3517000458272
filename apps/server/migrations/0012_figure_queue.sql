-- One queue of warehouse figures to recompute from records, for the one figure refresher: a scope
-- (budget, investment, dossiers) and the period it recomputes (a year for budget and investment, a
-- month for dossiers), written in the same transaction as the records. Re-queueing takes a new
-- generation, so the refresher removes an entry only if nobody re-queued it while it was computed.
-- Replaces finance_figure_queue and dossier_figure_queue; what they still held carries over.
CREATE SEQUENCE figure_generation;
CREATE TABLE figure_queue (
  scope      text NOT NULL CHECK (scope IN ('budget', 'investment', 'dossiers')),
  period     text NOT NULL,
  generation bigint NOT NULL DEFAULT nextval('figure_generation'),
  PRIMARY KEY (scope, period)
);
INSERT INTO figure_queue (scope, period) SELECT scope, year::text FROM finance_figure_queue;
INSERT INTO figure_queue (scope, period) SELECT 'dossiers', month FROM dossier_figure_queue;
DROP TABLE finance_figure_queue;
DROP SEQUENCE finance_figure_generation;
DROP TABLE dossier_figure_queue;
DROP SEQUENCE dossier_figure_generation;
