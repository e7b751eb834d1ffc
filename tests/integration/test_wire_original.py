"""The agency rule kept once: migration 0009's backfill, and what is stored after it.

Until 0009 the rule "this article is the agency's own copy" existed twice: in Python
(enrichment) and as the SQL function ``copydesk.is_wire_original`` (0002; the story
writer ordered by it). 0009 stores the answer with each article and drops the function;
rows already stored take the function's answer. Here both run over the same (site_name,
url) pairs — agency names and domains, near misses, None, odd white space and case — on a
real Postgres: the rows stored before 0009 against the Python rule, where they differ
(listed below), and rows stored after it, which follow the Python rule.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from importlib import resources

import psycopg
import pytest
from yoyo import get_backend, read_migrations

from services.domain.models import ParsedArticle
from services.pipeline.wire import is_wire_original
from services.storage.migrate import _yoyo_url, apply_migrations
from services.storage.repository import ArticleRepository

pytestmark = pytest.mark.integration

SITES: list[str | None] = [
    None, "", " ", "AP", "ap", " AP ", "\tAP", "AP\n", "\u00a0AP", "AP News", "ap news", "APNews", "apnews",
    "apnews.com", "APNEWS.COM", "www.apnews.com", "Associated Press", "The Associated Press",
    "the associated press", "Aſsociated Press", "Reuters", "REUTERS", "reuters.com", "Reuters.com",
    "REUTERS.COM", "reuters.com ", "www.reuters.com", "www.Reuters", "Thomson Reuters", "\u2003Reuters",
    "AFP", "afp.com", "www.afp.com", "Agence France-Presse", "Agence France Presse", "UPI", "upi.com",
    "United Press International", "dpa", "DPA", "dpa.com", "Deutsche Presse-Agentur", "Bloomberg",
    "Bloomberg News", "bloomberg.com", "BLOOMBERG.COM", "www.bloomberg.com",
    "Xinhua", "EFE", "PA Media", "CP", "The Canadian Press", "Kyodo News", "ANI", "CNA",
    # near misses
    "Reuters UK", "Bloomberg Law", "APN", "A.P.", "AP Reuters", "Reuters.co.uk", "www.", ".com",
    "Daily Planet", "Farm One",
]
URLS: list[str | None] = [
    None, "", "https://apnews.com", "https://apnews.com/", "http://apnews.com/article/x",
    "https://www.apnews.com/x", "HTTPS://APNEWS.COM/X", "https://apnews.com:443/x", "https://a.b.apnews.com/x",
    "https://www.reuters.com/world/x", "https://uk.reuters.com/x", "https://www.afp.com/en/x",
    "https://www.upi.com/x", "https://www.dpa.com/x", "https://www.bloomberg.com/news/x",
    # odd but agency
    "https://apnews.com:\u0664\u0664\u0663/x", "https://apnews.com\n", "https://apnew\u017f.com/x",
    "https://\u0131.apnews.com/",
    # near misses
    "https://apnews.com.evil.example/x", "https://notapnews.com/x", "https://apnews.comx/",
    "https://apnews.com?x=1", "https://reuters.co.uk/x", "https://bloomberg.com.au/x", "ftp://apnews.com/x",
    "//apnews.com/x", "apnews.com/x", " https://apnews.com/x", "https://user@apnews.com/x",
    "https://example.com/apnews.com/", "https://daily.example/x",
]


# Where the Python rule and 0002's SQL function differ, by site name alone: (python,
# sql). By URL alone they agree. Until the Python rule took the SQL one's cases in, they
# also differed the other way ("AP News", "apnews.com", "APNEWS.COM", "REUTERS.COM") and
# on URLs (Python's re read a Unicode digit as a port, "$" before a final newline, long s
# and dotless i as ASCII letters: it now reads URLs as ASCII, as Postgres does).
SITE_DIFFERENCES = {
    # white space other than a space around the name: Python strips it, SQL's btrim does not
    "\tAP": (True, False),
    "AP\n": (True, False),
    "\u00a0AP": (True, False),
    "\u2003Reuters": (True, False),
    "Aſsociated Press": (True, False),  # casefold: long s is s
    # Python drops "www." and ".com" around any agency name; SQL lists four bare domains
    "www.apnews.com": (True, False),
    "www.reuters.com": (True, False),
    "www.Reuters": (True, False),
    "www.afp.com": (True, False),
    "upi.com": (True, False),
    "dpa.com": (True, False),
    "www.bloomberg.com": (True, False),
    # agencies Python knows (services.pipeline.wire) and SQL did not
    "Xinhua": (True, False),
    "EFE": (True, False),
    "PA Media": (True, False),
    "CP": (True, False),
    "The Canadian Press": (True, False),
    "Kyodo News": (True, False),
    "ANI": (True, False),
    "CNA": (True, False),
}
PAIRS = list(itertools.product(SITES, URLS))


def _migrate(db_url: str, *, before: str | None = None) -> None:
    """All migrations, or those whose id sorts before ``before``."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS copydesk")
    backend = get_backend(_yoyo_url(db_url))
    try:
        migrations = read_migrations(str(resources.files("services.storage") / "migrations"))
        if before is not None:
            migrations = migrations.filter(lambda m: m.id < before)
        with backend.lock():
            backend.apply_migrations(backend.to_apply(migrations))
    finally:
        backend.connection.close()


def _insert_raw(conn: psycopg.Connection[tuple[object, ...]], pairs: list[tuple[str | None, str | None]]) -> None:
    """Articles as a writer before 0009 stored them (no is_wire_original)."""
    conn.execute("INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (repeat('0', 64), '', 0)")
    conn.execute(
        "WITH pairs AS (SELECT s, u, n FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(s, u, n)),"
        " jobs AS (INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key)"
        "  SELECT gen_random_uuid(), 'pair-' || n, repeat('0', 64), 'pair-' || n FROM pairs RETURNING job_id, drop_key)"
        " INSERT INTO copydesk.articles"
        " (job_id, source_name, source_format, site_name, url, body, word_count, body_hash)"
        " SELECT j.job_id, j.drop_key, 'text', p.s, p.u, 'x', 1, j.drop_key"
        " FROM pairs p JOIN jobs j ON j.drop_key = 'pair-' || p.n",
        ([s for s, _ in pairs], [u for _, u in pairs]),
    )


def _stored(conn: psycopg.Connection[tuple[object, ...]]) -> dict[tuple[str | None, str | None], bool]:
    rows = conn.execute("SELECT site_name, url, is_wire_original FROM copydesk.articles").fetchall()
    return {(_text(s), _text(u)): bool(w) for s, u, w in rows}


def _text(value: object) -> str | None:
    assert value is None or isinstance(value, str)
    return value


def test_backfill_keeps_the_sql_rule_for_stored_rows(fresh_db_url: str) -> None:
    _migrate(fresh_db_url, before="0009")
    with psycopg.connect(fresh_db_url) as conn:
        _insert_raw(conn, PAIRS)
    _migrate(fresh_db_url)
    with psycopg.connect(fresh_db_url) as conn:
        sql = _stored(conn)
        gone = conn.execute("SELECT to_regprocedure('copydesk.is_wire_original(text, text)')").fetchone()
    assert len(sql) == len(PAIRS) and gone == (None,)
    python = {p: is_wire_original(*p) for p in PAIRS}
    for rule in (sql, python):  # both are "by site name or by URL", so the parts say all
        assert all(rule[s, u] == (rule[s, None] or rule[None, u]) for s, u in PAIRS)
    assert {s: (python[s, None], sql[s, None]) for s in SITES if python[s, None] != sql[s, None]} == SITE_DIFFERENCES
    assert [u for u in URLS if python[None, u] != sql[None, u]] == []


def test_migration_0009_runs_again_harmlessly(fresh_db_url: str) -> None:
    apply_migrations(fresh_db_url)
    script = (resources.files("services.storage") / "migrations" / "0009.wire_original.sql").read_text()
    with psycopg.connect(fresh_db_url) as conn:
        _insert_raw(conn, [("Xinhua", None), ("Daily", "https://apnews.com/x")])
        conn.execute("UPDATE copydesk.articles SET is_wire_original = (site_name = 'Xinhua')")
        conn.execute(script)
        assert _stored(conn) == {("Xinhua", None): True, ("Daily", "https://apnews.com/x"): False}


def test_articles_stored_after_0009_follow_the_python_rule(fresh_db_url: str) -> None:
    apply_migrations(fresh_db_url)
    with psycopg.connect(fresh_db_url) as conn:
        conn.execute("INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (repeat('0', 64), '', 0)")
        articles = ArticleRepository(conn)
        for n, (site, url) in enumerate(PAIRS):
            job_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key)"
                " VALUES (%s, 'pair', repeat('0', 64), %s)",
                (job_id, job_id),
            )
            article = ParsedArticle(source_format="text", body=f"pair {n}", site_name=site, url=url)
            articles.add(job_id=job_id, source_name="pair", article=article,
                         body_hash=hashlib.sha256(str(n).encode()).hexdigest())
        assert _stored(conn) == {p: is_wire_original(*p) for p in PAIRS}
