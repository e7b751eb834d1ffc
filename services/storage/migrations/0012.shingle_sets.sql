-- The shingle set of each signature (sorted distinct low 32 bits of the shingle hashes,
-- little-endian uint32), so that an LSH candidate is verified by exact Jaccard and
-- containment instead of their MinHash estimates
-- (services/pipeline/dedup/verify.py). Signatures stored before keep NULL and are
-- compared by estimate, as before.
ALTER TABLE copydesk.article_signatures ADD COLUMN shingle_set bytea;
