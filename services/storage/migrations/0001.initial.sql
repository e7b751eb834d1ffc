-- copydesk's first schema: raw bytes, jobs (the outbox) and articles in schema
-- "copydesk"; the downstream contract as views in schema "api".

CREATE SCHEMA IF NOT EXISTS copydesk;
CREATE SCHEMA IF NOT EXISTS api;

CREATE TABLE copydesk.raw_documents (
    sha256        text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content       bytea NOT NULL,
    bytes         bigint NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE copydesk.ingest_jobs (
    job_id        uuid PRIMARY KEY,
    source_name   text NOT NULL,
    -- NULL only for a drop rejected before its bytes were read (a symlink, a file
    -- over the size limit): those jobs are born 'rejected'.
    sha256        text REFERENCES copydesk.raw_documents (sha256),
    -- Identity of one drop (name, size, mtime, sha256): the producer re-claiming the
    -- same file after a crash finds its job instead of making a second one.
    drop_key      text NOT NULL UNIQUE,
    -- 'split': a container (JSONL, feed, WARC, JSON list) whose records became child jobs.
    status        text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'stored', 'duplicate', 'rejected', 'failed', 'split')),
    parent_job_id uuid REFERENCES copydesk.ingest_jobs (job_id),
    record_no     integer,
    error_code    text,
    error_message text,
    attempts      integer NOT NULL DEFAULT 0,
    sends         integer NOT NULL DEFAULT 0,
    queued_at     timestamptz NOT NULL DEFAULT now(),
    last_sent_at  timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz,
    worker        text,
    article_id    bigint,
    duplicate_of  bigint,
    stage_ms      jsonb
);

CREATE INDEX ingest_jobs_open_idx ON copydesk.ingest_jobs (status, queued_at)
    WHERE status IN ('queued', 'running');
CREATE INDEX ingest_jobs_sha256_idx ON copydesk.ingest_jobs (sha256);
CREATE INDEX ingest_jobs_parent_idx ON copydesk.ingest_jobs (parent_job_id) WHERE parent_job_id IS NOT NULL;

CREATE TABLE copydesk.articles (
    article_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        uuid NOT NULL UNIQUE REFERENCES copydesk.ingest_jobs (job_id),
    source_name   text NOT NULL,
    source_format text NOT NULL,
    url           text,
    canonical_url text,
    title         text,
    authors       text[] NOT NULL DEFAULT '{}',
    published_at  timestamptz,
    modified_at   timestamptz,
    site_name     text,
    section       text,
    language_hint text,
    body          text NOT NULL,
    word_count    integer NOT NULL,
    wire_source   text,
    dateline      text,
    -- Exact-duplicate key: sha256 of the normalised body. UNIQUE makes "store or
    -- find the first copy" race-free across workers.
    body_hash     text NOT NULL UNIQUE,
    ingested_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE copydesk.ingest_jobs
    ADD CONSTRAINT ingest_jobs_article_fk FOREIGN KEY (article_id) REFERENCES copydesk.articles (article_id),
    ADD CONSTRAINT ingest_jobs_duplicate_fk FOREIGN KEY (duplicate_of) REFERENCES copydesk.articles (article_id);

CREATE VIEW api.articles AS
SELECT article_id, job_id, source_name, source_format, url, title, authors, published_at,
       site_name, section, body, word_count, wire_source, dateline, ingested_at,
       canonical_url, modified_at, language_hint
FROM copydesk.articles;

CREATE VIEW api.jobs AS
SELECT job_id, source_name, sha256, r.bytes, status, error_code, error_message, attempts,
       queued_at, started_at, finished_at, article_id, duplicate_of, parent_job_id, record_no
FROM copydesk.ingest_jobs j
LEFT JOIN copydesk.raw_documents r USING (sha256);

-- The read-only downstream role: reads api.* and nothing else. NOLOGIN here;
-- operators grant it to login roles (GRANT copydesk_reader TO alice) or set a
-- password (ALTER ROLE copydesk_reader LOGIN PASSWORD '...').
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'copydesk_reader') THEN
        CREATE ROLE copydesk_reader NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON SCHEMA copydesk FROM PUBLIC;
GRANT USAGE ON SCHEMA api TO copydesk_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA api TO copydesk_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA api GRANT SELECT ON TABLES TO copydesk_reader;
