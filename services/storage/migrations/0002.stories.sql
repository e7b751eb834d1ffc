-- Story clusters: near-duplicate signatures, LSH bands, stories and their merges in
-- schema "copydesk"; api.articles gains story_id, is_representative, duplicate_of and
-- api.stories is new.

CREATE TABLE copydesk.stories (
    story_id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at                timestamptz NOT NULL DEFAULT now(),
    -- Maintained by the writer under this row's lock (services/storage/stories.py):
    -- the wire original if the story has one, else the earliest published copy,
    -- ties to the first ingested.
    representative_article_id bigint,
    -- Set when a bridging article merged this story into a lower-numbered one; a
    -- merged story has no articles left.
    merged_into               bigint REFERENCES copydesk.stories (story_id)
);

ALTER TABLE copydesk.articles ADD COLUMN story_id bigint REFERENCES copydesk.stories (story_id);
CREATE INDEX articles_story_idx ON copydesk.articles (story_id);
ALTER TABLE copydesk.stories ADD CONSTRAINT stories_representative_fk
    FOREIGN KEY (representative_article_id) REFERENCES copydesk.articles (article_id);

-- One MinHash signature per stored article. "config" names every parameter that made
-- it (minhash-w4-p128-b42r3-seed1): signatures of other configs are never compared.
CREATE TABLE copydesk.article_signatures (
    article_id bigint PRIMARY KEY REFERENCES copydesk.articles (article_id),
    config     text NOT NULL,
    shingles   integer NOT NULL CHECK (shingles >= 0),
    minhash    bytea NOT NULL  -- num_perm little-endian uint32
);

-- The LSH index: one row per (band key, article). Band keys hash the config name,
-- the band number and its values, so keys of different configs never meet.
CREATE TABLE copydesk.minhash_bands (
    band_key   bigint NOT NULL,
    article_id bigint NOT NULL,
    PRIMARY KEY (band_key, article_id)
);

CREATE TABLE copydesk.story_merges (
    merged_story_id bigint PRIMARY KEY REFERENCES copydesk.stories (story_id),
    into_story_id   bigint NOT NULL REFERENCES copydesk.stories (story_id),
    by_article_id   bigint NOT NULL REFERENCES copydesk.articles (article_id),
    articles_moved  integer NOT NULL,
    merged_at       timestamptz NOT NULL DEFAULT now()
);

-- Articles stored before this migration have no signature: each becomes a story of
-- its own (new articles are never matched against them).
WITH missing AS (
    SELECT article_id FROM copydesk.articles WHERE story_id IS NULL ORDER BY article_id
), made AS (
    INSERT INTO copydesk.stories (representative_article_id)
    SELECT article_id FROM missing ORDER BY article_id
    RETURNING story_id, representative_article_id
)
UPDATE copydesk.articles a SET story_id = made.story_id
FROM made WHERE a.article_id = made.representative_article_id;

-- Wire original: the copy published by the agency itself (site AP / Reuters / AFP /
-- ..., or a URL on apnews.com, reuters.com, afp.com, ...). Used by the writer only.
CREATE FUNCTION copydesk.is_wire_original(site_name text, url text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(lower(btrim(site_name)) IN (
               'ap', 'ap news', 'apnews', 'apnews.com', 'associated press', 'the associated press',
               'reuters', 'reuters.com', 'thomson reuters', 'afp', 'afp.com',
               'agence france-presse', 'agence france presse', 'upi', 'united press international',
               'dpa', 'deutsche presse-agentur', 'bloomberg', 'bloomberg news', 'bloomberg.com'),
               false)
        OR coalesce(url ~* '^https?://([a-z0-9-]+\.)*(apnews\.com|reuters\.com|afp\.com|upi\.com|dpa\.com|bloomberg\.com)(:[0-9]+)?(/|$)',
                    false)
$$;

-- Scalar subqueries rather than a join keep the view on one table, as in 0001, so
-- writes through it stay a privilege error for the reader rather than a view error.
CREATE OR REPLACE VIEW api.articles AS
SELECT a.article_id, a.job_id, a.source_name, a.source_format, a.url, a.title, a.authors,
       a.published_at, a.site_name, a.section, a.body, a.word_count, a.wire_source, a.dateline,
       a.ingested_at, a.canonical_url, a.modified_at, a.language_hint,
       a.story_id,
       coalesce((SELECT s.representative_article_id = a.article_id FROM copydesk.stories s
                 WHERE s.story_id = a.story_id), false) AS is_representative,
       -- the story's representative copy, when this article is not it
       (SELECT s.representative_article_id FROM copydesk.stories s
        WHERE s.story_id = a.story_id AND s.representative_article_id <> a.article_id) AS duplicate_of
FROM copydesk.articles a;

CREATE VIEW api.stories AS
SELECT s.story_id, s.representative_article_id, r.title,
       c.first_seen_at, c.first_published_at, c.copies, c.sites
FROM copydesk.stories s
JOIN copydesk.articles r ON r.article_id = s.representative_article_id
CROSS JOIN LATERAL (
    SELECT min(a.ingested_at) AS first_seen_at,
           min(a.published_at) AS first_published_at,
           count(*)::integer AS copies,
           coalesce(array_agg(DISTINCT a.site_name ORDER BY a.site_name)
                    FILTER (WHERE a.site_name IS NOT NULL), '{}')::text[] AS sites
    FROM copydesk.articles a
    WHERE a.story_id = s.story_id
) c
WHERE s.merged_into IS NULL;

-- Default privileges from 0001 cover tables made later by the same role; granted
-- explicitly as well, in case another role runs this migration.
GRANT SELECT ON api.articles, api.stories TO copydesk_reader;
