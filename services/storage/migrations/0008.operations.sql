-- Operations (issue 13): what `copydesk status` and the metrics exporter read, cheaply.
--   dropped_at   when the file arrived in the inbox (its inode's change time when the
--                producer first took it: the rename into the inbox, or the writer's
--                last write); NULL for child jobs and jobs claimed before this column.
--                Drop-to-stored latency is finished_at - coalesce(dropped_at, queued_at).
-- Indexes so that neither reads every row: jobs per status and failures per code are
-- counted from (status, error_code) alone (an index-only scan), the exporter's
-- incremental reads ("finished since the last scrape") go by time, and failed
-- enrichments are few. Every statement can run again.

ALTER TABLE copydesk.ingest_jobs ADD COLUMN IF NOT EXISTS dropped_at timestamptz;
CREATE INDEX IF NOT EXISTS ingest_jobs_finished_idx ON copydesk.ingest_jobs (finished_at)
    WHERE finished_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS ingest_jobs_status_code_idx ON copydesk.ingest_jobs (status, error_code);
CREATE INDEX IF NOT EXISTS articles_enrich_error_idx ON copydesk.articles (enrich_error)
    WHERE enrich_error IS NOT NULL;
CREATE INDEX IF NOT EXISTS article_enrichment_enriched_idx
    ON copydesk.article_enrichment (enriched_at);
