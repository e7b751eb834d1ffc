-- Enrichment attempts and failures (issue 10): an article whose enrichment keeps failing
-- (a step over its CPU or memory budget, an enricher process killed under it) records
-- why, and the reconciler stops re-sending it.
--   enrich_attempts       enrichment runs begun since the last complete one
--   enrich_error          null, or a stable code: 'attempts_exhausted' (enriched_at stays
--                         null: given up), or a step's code such as 'too_slow' /
--                         'too_large' (the other steps' results are stored)
--   enrich_error_message  the step and the reason, for people
-- api.articles gains enrich_error and enrich_attempts at its end (CREATE OR REPLACE
-- VIEW may only add columns there); every statement can run again harmlessly.

ALTER TABLE copydesk.articles
    ADD COLUMN IF NOT EXISTS enrich_attempts      integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS enrich_error         text,
    ADD COLUMN IF NOT EXISTS enrich_error_message text;

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
       a.enrich_attempts
FROM copydesk.articles a;

GRANT SELECT ON api.articles TO copydesk_reader;
