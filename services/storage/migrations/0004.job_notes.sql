-- Job notes: what parsing had to repair in a file it still read (ParsedArticle.notes,
-- e.g. 'nul_bytes_removed:3' for stray NUL bytes dropped from a text file). Empty for
-- most jobs. api.jobs gains the column at its end (CREATE OR REPLACE VIEW may only add
-- columns there); both statements can run again harmlessly.

ALTER TABLE copydesk.ingest_jobs ADD COLUMN IF NOT EXISTS notes text[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE VIEW api.jobs AS
SELECT job_id, source_name, sha256, r.bytes, status, error_code, error_message, attempts,
       queued_at, started_at, finished_at, article_id, duplicate_of, parent_job_id, record_no,
       j.notes
FROM copydesk.ingest_jobs j
LEFT JOIN copydesk.raw_documents r USING (sha256);

GRANT SELECT ON api.jobs TO copydesk_reader;
