-- Nothing the services run may resolve a name to an object another role planted.
--
-- Before Postgres 15 every role could CREATE in schema public, so copydesk_reader could
-- plant, say, public.power(integer, integer): an exact match for an unqualified
-- power(2, ...) beats pg_catalog.power(double precision, double precision), and the
-- services (or a superuser running them) would call it. Here: no CREATE on public for
-- PUBLIC (the Postgres 15 default, made explicit; it needs the owner of public, which
-- on 15+ is the database owner and before 15 the bootstrap superuser: the embedded
-- server's bootstrap also revokes it as superuser), and copydesk's own function
-- resolves names only in pg_catalog. The services' connections pin search_path too
-- (services/storage/db.py) and qualify pg_catalog functions whose arguments need a cast.

REVOKE CREATE ON SCHEMA public FROM PUBLIC;

ALTER FUNCTION copydesk.is_wire_original(text, text) SET search_path = pg_catalog, pg_temp;

-- Only the owner of public can revoke; if this role is not (Postgres <= 14, migrations
-- run by a non-superuser), stop here rather than carry on with a schema anyone can fill.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
               WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE') THEN
        RAISE EXCEPTION 'schema public still lets every role CREATE in it; as its owner (%), run: REVOKE CREATE ON SCHEMA public FROM PUBLIC, then migrate again',
            (SELECT pg_catalog.pg_get_userbyid(nspowner) FROM pg_catalog.pg_namespace WHERE nspname = 'public');
    END IF;
END
$$;
