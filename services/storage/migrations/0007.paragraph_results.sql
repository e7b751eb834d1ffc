-- Paragraph results (issue 12): what an enrichment step computes from one paragraph's
-- text alone (NER mentions, VADER scores per sentence), stored once per normalised
-- paragraph and reused by every later article holding that paragraph (content-farm
-- copies), by every enricher process, across restarts.
--   step    the step's memo key: step name, code revision and model versions
--           (services/pipeline/enrich/paragraphs.py); a new model or revision has a
--           new key, so it never reads values an older one made
--   hash    the first 16 bytes of the paragraph's sha256 (its UTF-8 text as stored)
--   result  the step's value for the paragraph (JSON)
--   seq     insertion order: the oldest rows are deleted past a bound
--           (COPYDESK_PARAGRAPH_CACHE_ROWS, services/storage/enrichment.py)
-- UNLOGGED: a cache, cheaper to write without WAL; after a crash of the server it is
-- empty and fills again (a clean restart keeps it). Every statement can run again.

CREATE UNLOGGED TABLE IF NOT EXISTS copydesk.paragraph_results (
    step   text   NOT NULL,
    hash   bytea  NOT NULL CHECK (length(hash) = 16),
    result jsonb  NOT NULL,
    seq    bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (step, hash)
);
CREATE INDEX IF NOT EXISTS paragraph_results_seq_idx ON copydesk.paragraph_results (seq);
