-- Reprocessing (issue 13): which versions made each article, what a re-parse changed,
-- and the runs of `copydesk reprocess` / `copydesk reenrich` so an interrupted one
-- resumes where it stopped.
--   parser_version  services.versions.PARSER_VERSION of the parse that wrote the
--                   article (or, on a job, the last parse of its bytes); NULL: before
--                   versions were recorded (older than version 1)
--   enrich_version  services.versions.ENRICH_VERSION of the enrichment stored
-- api.articles gains both at its end; api.jobs gains dropped_at (migration 0008) and
-- parser_version; api.article_revisions is new. Every statement can run again.

ALTER TABLE copydesk.articles
    ADD COLUMN IF NOT EXISTS parser_version integer,
    ADD COLUMN IF NOT EXISTS enrich_version integer;
ALTER TABLE copydesk.ingest_jobs ADD COLUMN IF NOT EXISTS parser_version integer;

-- One row per re-parse that changed an article: when, by which parser version, which
-- fields, and their values before (JSON, field -> old value).
CREATE TABLE IF NOT EXISTS copydesk.article_revisions (
    revision_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id     bigint NOT NULL REFERENCES copydesk.articles (article_id),
    revised_at     timestamptz NOT NULL DEFAULT now(),
    run_id         bigint,
    parser_version integer NOT NULL,
    previous_parser_version integer,
    fields         text[] NOT NULL,
    previous       jsonb NOT NULL,
    story_before   bigint,
    story_after    bigint
);
CREATE INDEX IF NOT EXISTS article_revisions_article_idx ON copydesk.article_revisions (article_id);

-- A run: what was selected (the command's filters), the version it brings items to.
-- Its items are fixed when it starts; each is sent once (sent_at) and finished once
-- (done_at, outcome); a run with unfinished items is resumed by the same command.
CREATE TABLE IF NOT EXISTS copydesk.reprocess_runs (
    run_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('parse', 'enrich')),
    selection   jsonb NOT NULL,
    version     integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE TABLE IF NOT EXISTS copydesk.reprocess_items (
    run_id     bigint NOT NULL REFERENCES copydesk.reprocess_runs (run_id),
    item_no    integer NOT NULL,
    job_id     uuid REFERENCES copydesk.ingest_jobs (job_id),
    article_id bigint REFERENCES copydesk.articles (article_id),
    sent_at    timestamptz,
    done_at    timestamptz,
    outcome    text,
    PRIMARY KEY (run_id, item_no)
);
CREATE INDEX IF NOT EXISTS reprocess_items_open_idx ON copydesk.reprocess_items (run_id, item_no)
    WHERE done_at IS NULL;

CREATE OR REPLACE VIEW api.articles AS
SELECT a.article_id, a.job_id, a.source_name, a.source_format, a.url, a.title, a.authors,
       a.published_at, a.site_name, a.section, a.body, a.word_count, a.wire_source, a.dateline,
       a.ingested_at, a.canonical_url, a.modified_at, a.language_hint,
       a.story_id,
       coalesce((SELECT s.representative_article_id = a.article_id FROM copydesk.stories s
                 WHERE s.story_id = a.story_id), false) AS is_representative,
       -- the story's representative copy, when this article is not it
       (SELECT s.representative_article_id FROM copydesk.stories s
        WHERE s.story_id = a.story_id AND s.representative_article_id <> a.article_id) AS duplicate_of,
       (SELECT x.language FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS language,
       (SELECT x.language_confidence FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS language_confidence,
       (SELECT x.keywords FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS keywords,
       (SELECT x.sentiment FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS sentiment,
       (SELECT x.readability FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS readability,
       (SELECT x.reading_time_s FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS reading_time_s,
       (SELECT x.is_wire_copy FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS is_wire_copy,
       (SELECT x.stale_republish FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS stale_republish,
       (SELECT x.quality_score FROM copydesk.article_enrichment x WHERE x.article_id = a.article_id) AS quality_score,
       a.enriched_at,
       a.enrich_error,
       a.enrich_attempts,
       a.parser_version,
       a.enrich_version
FROM copydesk.articles a;

CREATE OR REPLACE VIEW api.jobs AS
SELECT job_id, source_name, sha256, r.bytes, status, error_code, error_message, attempts,
       queued_at, started_at, finished_at, article_id, duplicate_of, parent_job_id, record_no,
       j.notes,
       j.dropped_at,
       j.parser_version
FROM copydesk.ingest_jobs j
LEFT JOIN copydesk.raw_documents r USING (sha256);

CREATE OR REPLACE VIEW api.article_revisions AS
SELECT revision_id, article_id, revised_at, parser_version, previous_parser_version, fields,
       previous, story_before, story_after
FROM copydesk.article_revisions;

GRANT SELECT ON api.articles, api.jobs, api.article_revisions TO copydesk_reader;
