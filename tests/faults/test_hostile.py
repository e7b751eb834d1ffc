"""Hostile input: each file gets a clear rejected job, the service keeps running,
nothing secret is stored, and the good files around it are all stored."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from tests.faults.conftest import Rig, article_text, wait_until

pytestmark = pytest.mark.faults

SECRET_MARK = "root:x:0:0"


@pytest.fixture
def running(rig: Rig) -> Rig:
    rig.start("worker")
    rig.start("producer")
    return rig


def _job(rig: Rig, name: str) -> tuple[str, str | None]:
    rows = rig.query("SELECT status, error_code FROM api.jobs WHERE source_name = %s", name)
    assert len(rows) == 1, f"{name!r}: {rows}"
    return rows[0]


def _nothing_secret_stored(rig: Rig) -> None:
    assert rig.query(
        "SELECT count(*) FROM copydesk.raw_documents WHERE position(convert_to(%s, 'UTF8') in content) > 0",
        SECRET_MARK,
    ) == [(0,)]
    assert rig.query("SELECT count(*) FROM api.articles WHERE body LIKE %s OR title LIKE %s",
                     f"%{SECRET_MARK}%", f"%{SECRET_MARK}%") == [(0,)]


def test_symlinks_are_rejected_never_followed(running: Rig, tmp_path: Path) -> None:
    rig = running
    (tmp_path / "adir").mkdir()
    (rig.inbox / "passwd.txt").symlink_to("/etc/passwd")
    (rig.inbox / "dir-link").symlink_to(tmp_path / "adir")
    (rig.inbox / "dangling.txt").symlink_to(tmp_path / "nothing-here")
    rig.dropped += ["passwd.txt", "dir-link", "dangling.txt"]
    figures = rig.settle("symlinks (passwd, directory, dangling)", timeout=60)
    rig.assert_promise(figures)
    for name in ("passwd.txt", "dir-link", "dangling.txt"):
        assert _job(rig, name) == ("rejected", "symlink")
        assert (rig.inbox / "failed" / f"{name}.error.json").exists()
    _nothing_secret_stored(rig)
    assert os.path.exists("/etc/passwd") and (tmp_path / "adir").is_dir()


def test_awkward_file_names_are_stored_verbatim_and_never_run(running: Rig, tmp_path: Path) -> None:
    rig = running
    names = ["with space.txt", "quote'\"s.txt", "$(touch pwned).txt", "new\nline.txt", "`id`;rm -rf x.txt"]
    for i, name in enumerate(names):
        rig.drop(name, article_text(1000 + i))
    latin = os.fsdecode(b"caf\xe9-latin1.txt")  # not UTF-8 on disk
    rig.drop(latin, article_text(1010))
    figures = rig.settle("awkward file names", timeout=60)
    rig.assert_promise(figures)
    for name in names:
        assert _job(rig, name) == ("stored", None)
    assert _job(rig, "caf\ufffd-latin1.txt") == ("stored", None)
    assert not any(os.path.exists(os.path.join(d, "pwned")) for d in (tmp_path, rig.inbox, os.getcwd()))


def test_sql_and_html_in_a_title_are_stored_verbatim(running: Rig) -> None:
    rig = running
    title = "Robert'); DROP TABLE copydesk.articles;-- <script>alert(\"x\")</script> & \"quotes\" %s %(x)s"
    body = article_text(2000).decode().split("\n", 3)[3]
    rig.drop("sql.txt", f"{title} -City Desk\n{title}\nBy Dana Reporter\n{body}".encode())
    figures = rig.settle("SQL and HTML in a title", timeout=60)
    rig.assert_promise(figures)
    assert rig.query("SELECT title FROM api.articles") == [(title,)]


def test_oversized_bombs_entities_and_nul_bytes_are_rejected(running: Rig, tmp_path: Path) -> None:
    rig = running
    huge = rig.inbox / ".huge.tmp"
    with huge.open("wb") as f:  # 1 GB, sparse: refused by size, never read
        f.truncate(1024**3)
    huge.rename(rig.inbox / "huge.txt")
    rig.dropped.append("huge.txt")
    rig.drop("bomb.txt.gz", gzip.compress(b"\0" * (64 * 1024 * 1024)))
    rig.drop(
        "xxe.xml",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>",
    )
    rig.drop(
        "laughs.xml",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><l>&d;&d;&d;</l>',
    )
    rig.drop("nul.txt", b"Title\n" + b"words \0 more words \0 " * 200)
    rig.drop("deep.json", b"[" * 100_000 + b"]" * 100_000)
    rig.drop("deep.html", b"<div>" * 100_000 + b"text" + b"</div>" * 100_000)
    rig.drop("good.txt", article_text(3000))
    stray = article_text(3001)  # a good file with two stray NULs: parsed, and noted
    rig.drop("stray-nul.txt", stray[:100] + b"\0" + stray[100:] + b"\0")
    figures = rig.settle("1 GB file, gzip bomb, XXE, billion laughs, NUL bytes, deep nesting", timeout=120)
    rig.assert_promise(figures)
    assert _job(rig, "huge.txt") == ("rejected", "too_large")
    assert _job(rig, "good.txt") == ("stored", None)
    assert _job(rig, "stray-nul.txt") == ("stored", None)
    assert rig.query("SELECT notes FROM api.jobs WHERE source_name = 'stray-nul.txt'") \
        == [(["nul_bytes_removed:2"],)]
    for name in ("bomb.txt.gz", "xxe.xml", "laughs.xml", "nul.txt", "deep.json", "deep.html"):
        status, code = _job(rig, name)
        assert status == "rejected" and code, f"{name}: {status} {code}"
    _nothing_secret_stored(rig)
    assert rig.children["worker"].alive and rig.children["producer"].alive


def _malformed(i: int) -> bytes:
    r = random.Random(i)
    kind = i % 5
    if kind == 0:
        return bytes(r.getrandbits(8) for _ in range(r.randint(1, 2000)))
    if kind == 1:
        return b'{"title": "broken", "body": "' + b"x" * r.randint(0, 500)
    if kind == 2:
        return b"<rss><channel><item><title>unclosed"
    if kind == 3:
        return b" \n\t " * r.randint(0, 50)
    return b"\0" * r.randint(1, 100) + b"text"


def test_a_thousand_malformed_files_among_a_thousand_good_ones(running: Rig) -> None:
    rig = running
    for i in range(1000):
        rig.drop(f"good{i:04d}.txt", article_text(5000 + i))
        rig.drop(f"bad{i:04d}.dat", _malformed(i))
    figures = rig.settle("1000 malformed among 1000 good", timeout=600)
    rig.assert_promise(figures)
    assert rig.query("SELECT count(*) FROM api.jobs WHERE source_name LIKE 'good%%' AND status = 'stored'") == [(1000,)]
    bad = rig.query("SELECT status, count(*) FROM api.jobs WHERE source_name LIKE 'bad%%' GROUP BY status")
    assert bad == [("rejected", 1000)], bad
    wait_until(lambda: rig.children["producer"].alive and rig.children["worker"].alive, timeout=1,
               what="both still running")
