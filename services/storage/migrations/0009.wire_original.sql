-- The agency rule kept once (issue 11): whether an article is the agency's own copy is
-- decided in Python when it is stored (services.pipeline.wire.is_wire_original) and kept
-- in copydesk.articles.is_wire_original, which the story writer orders by to choose a
-- representative. The SQL copy of the rule (copydesk.is_wire_original, 0002) goes.
--
-- Rows stored before this migration take the value of that SQL function, the rule their
-- stories' representatives were chosen by, so no stored representative changes. Where
-- the Python rule differs (it also knows agencies such as Xinhua, EFE or PA, site names
-- like "www.reuters.com" or "upi.com", and white space other than spaces around a name;
-- tests/integration/test_wire_original.py lists the cases), only articles stored from
-- now on follow it. Inserts that name no value (test fixtures, benchmarks) get false.
-- Every statement can run again harmlessly: once the function is gone nothing is
-- recomputed.

ALTER TABLE copydesk.articles
    ADD COLUMN IF NOT EXISTS is_wire_original boolean NOT NULL DEFAULT false;

DO $$
BEGIN
    IF pg_catalog.to_regprocedure('copydesk.is_wire_original(text, text)') IS NOT NULL THEN
        UPDATE copydesk.articles SET is_wire_original = true
        WHERE copydesk.is_wire_original(site_name, url);
    END IF;
END
$$;

DROP FUNCTION IF EXISTS copydesk.is_wire_original(text, text);
