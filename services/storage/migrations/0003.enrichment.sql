-- Enrichment: one row of results per article, entities and their mentions in schema
-- "copydesk"; api.articles gains the enrichment columns, api.entities and
-- api.article_entities are new. Re-enriching an article replaces its rows
-- (services/storage/enrichment.py), in one transaction.

-- enriched_at is the outbox of the enrich queue: the reconciler re-sends articles
-- left NULL too long (enrich_sends / enrich_last_sent_at back it off).
ALTER TABLE copydesk.articles
    ADD COLUMN enriched_at         timestamptz,
    ADD COLUMN enrich_sends        integer NOT NULL DEFAULT 0,
    ADD COLUMN enrich_last_sent_at timestamptz;
CREATE INDEX articles_unenriched_idx ON copydesk.articles (ingested_at) WHERE enriched_at IS NULL;

CREATE TABLE copydesk.article_enrichment (
    article_id          bigint PRIMARY KEY REFERENCES copydesk.articles (article_id),
    profile             text NOT NULL,
    language            text,
    language_confidence real,
    keywords            text[] NOT NULL DEFAULT '{}',
    keyword_scores      real[] NOT NULL DEFAULT '{}',
    sentiment           real CHECK (sentiment BETWEEN -1 AND 1),
    readability         real,
    reading_time_s      integer,
    wire_source         text,
    is_wire_copy        boolean,
    stale_republish     boolean,
    link_list_spam      boolean,
    quality_score       real CHECK (quality_score BETWEEN 0 AND 1),
    signals             jsonb NOT NULL DEFAULT '{}',
    timings_ms          jsonb NOT NULL DEFAULT '{}',
    enriched_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE copydesk.entities (
    entity_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL,
    type      text NOT NULL CHECK (type IN ('PERSON', 'ORG', 'PLACE', 'NORP')),
    UNIQUE (name, type)
);

CREATE TABLE copydesk.article_entities (
    article_id bigint NOT NULL REFERENCES copydesk.articles (article_id),
    entity_id  bigint NOT NULL REFERENCES copydesk.entities (entity_id),
    mentions   integer NOT NULL CHECK (mentions > 0),
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity_idx ON copydesk.article_entities (entity_id);

-- Entities that no article mentions any more (after a re-enrichment) are left out.
CREATE VIEW api.entities AS
SELECT e.entity_id, e.name, e.type, count(ae.article_id)::integer AS articles
FROM copydesk.entities e
JOIN copydesk.article_entities ae USING (entity_id)
GROUP BY e.entity_id, e.name, e.type;

CREATE VIEW api.article_entities AS
SELECT ae.article_id, ae.entity_id, e.name, e.type, ae.mentions
FROM copydesk.article_entities ae
JOIN copydesk.entities e USING (entity_id);

-- 0002's definition, repeated, with the enrichment columns appended (CREATE OR
-- REPLACE VIEW may only add columns at the end). Scalar subqueries keep the view on
-- one table, as in 0001 and 0002.
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
       a.enriched_at
FROM copydesk.articles a;

GRANT SELECT ON api.articles, api.entities, api.article_entities TO copydesk_reader;
